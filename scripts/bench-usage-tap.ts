/**
 * Throughput of the proxy's usage taps and include_usage stripper on large streams fed in
 * 1-4 KB chunks (what a TLS socket typically hands over). Prints MB/s and µs per chunk.
 * Run: npx tsx scripts/bench-usage-tap.ts
 */
import {
  createIncludeUsageStripper,
  createUsageTap,
  type TapResult,
  type WireFormat,
} from '../shared/usage-parse/index.js';

const EVENTS = 10_000;
const ROUNDS = 20;

function anthropicStream(events: number): string {
  const parts = [
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_bench","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":472,"cache_creation_input_tokens":2051,"cache_read_input_tokens":10240,"cache_creation":{"ephemeral_5m_input_tokens":51,"ephemeral_1h_input_tokens":2000},"output_tokens":3}}}\n\n',
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
  ];
  for (let i = 0; i < events; i++) {
    if (i % 500 === 0) parts.push('event: ping\ndata: {"type": "ping"}\n\n');
    parts.push(`event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"token ${i} — météo "}}\n\n`);
  }
  parts.push(
    'event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n',
    `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":${events}}}\n\n`,
    'event: message_stop\ndata: {"type":"message_stop"}\n\n',
  );
  return parts.join('');
}

function openAiStream(events: number): string {
  const head = '"id":"chatcmpl-bench","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-2024-08-06","service_tier":"default","system_fingerprint":"fp_eb9dce56a8"';
  const parts: string[] = [];
  for (let i = 0; i < events; i++) {
    parts.push(`data: {${head},"choices":[{"index":0,"delta":{"content":"token ${i} — météo "},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"aB3"}\n\n`);
  }
  parts.push(`data: {${head},"choices":[],"usage":{"prompt_tokens":1117,"completion_tokens":${events},"total_tokens":${1117 + events},"prompt_tokens_details":{"cached_tokens":1024},"completion_tokens_details":{"reasoning_tokens":0}}}\n\n`);
  parts.push('data: [DONE]\n\n');
  return parts.join('');
}

/** Deterministic 1-4 KB chunks. */
function chunk(bytes: Uint8Array): Uint8Array[] {
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1024 + Math.floor(random() * 3073);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}

function measure(name: string, bytes: number, chunks: number, run: () => void): void {
  for (let i = 0; i < 3; i++) run(); // warm up the JIT
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const mbPerSecond = bytes / 1e6 / (median / 1000);
  const microsPerChunk = (median * 1000) / chunks;
  console.log(
    `${name.padEnd(34)} ${(bytes / 1e6).toFixed(2).padStart(6)} MB  ${String(chunks).padStart(5)} chunks  ` +
      `${mbPerSecond.toFixed(0).padStart(5)} MB/s  ${microsPerChunk.toFixed(2).padStart(6)} µs/chunk  (median of ${ROUNDS})`,
  );
}

function benchTap(name: string, format: WireFormat, text: string): TapResult {
  const bytes = new TextEncoder().encode(text);
  const chunks = chunk(bytes);
  let result: TapResult | null = null;
  measure(name, bytes.length, chunks.length, () => {
    const tap = createUsageTap(format, { stream: true });
    for (const piece of chunks) tap.push(piece);
    result = tap.end();
  });
  return result!;
}

const anthropic = benchTap(`anthropic-messages, ${EVENTS} events`, 'anthropic-messages', anthropicStream(EVENTS));
const openai = benchTap(`openai-chat, ${EVENTS} events`, 'openai-chat', openAiStream(EVENTS));

const openAiBytes = new TextEncoder().encode(openAiStream(EVENTS));
const openAiChunks = chunk(openAiBytes);
measure(`include_usage stripper, ${EVENTS} ev.`, openAiBytes.length, openAiChunks.length, () => {
  const stripper = createIncludeUsageStripper();
  for (const piece of openAiChunks) stripper.push(piece);
  stripper.end();
});

// Sanity: the figures mean nothing if the taps did not read the streams right.
if (!anthropic.complete || anthropic.tokens.outputTokens !== EVENTS || anthropic.tokens.cacheWrite1hTokens !== 2000) {
  throw new Error(`anthropic tap read the stream wrong: ${JSON.stringify(anthropic)}`);
}
if (!openai.complete || openai.tokens.outputTokens !== EVENTS || openai.tokens.inputTokens !== 93) {
  throw new Error(`openai tap read the stream wrong: ${JSON.stringify(openai)}`);
}
console.log('results checked: usage read correctly from both streams');
