import { describe, expect, it } from 'vitest';
import { createIncludeUsageStripper } from '../../shared/usage-parse/index.js';
import { openAiChatStream, AZURE_CHAT_STREAM, DEEPSEEK_STREAM } from '../fixtures/wire/openai-chat.js';
import { encodeUtf8, withLineEnding } from '../fixtures/wire/sse.js';
import { chunkings, randomChunks } from './usage-parse-chunking.js';

function strip(chunks: Uint8Array[]): Uint8Array {
  const stripper = createIncludeUsageStripper();
  const out: number[] = [];
  for (const chunk of chunks) out.push(...stripper.push(chunk));
  out.push(...stripper.end());
  return new Uint8Array(out);
}

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('include_usage stripper', () => {
  it('gives byte for byte the stream OpenAI sends without include_usage, for any chunking and line ending', () => {
    for (const ending of ['\n', '\r\n', '\r'] as const) {
      const withUsage = encodeUtf8(withLineEnding(openAiChatStream({ includeUsage: true }), ending));
      const without = encodeUtf8(withLineEnding(openAiChatStream({ includeUsage: false }), ending));
      for (const { name, chunks } of chunkings(withUsage)) {
        const stripped = strip(chunks);
        expect(decode(stripped), `${JSON.stringify(ending)} ${name}`).toBe(decode(without));
        expect(stripped).toEqual(without);
      }
    }
  });

  it('handles "usage":null as first member and with spaces (Python-style separators)', () => {
    const cases: Array<[string, string]> = [
      ['data: {"usage":null,"id":"c1","choices":[]}\n\n', 'data: {"id":"c1","choices":[]}\n\n'],
      ['data: {"id": "c1", "choices": [{"index": 0}], "usage": null}\n\n', 'data: {"id": "c1", "choices": [{"index": 0}]}\n\n'],
      ['data: {"usage": null, "id": "c1"}\n\n', 'data: {"id": "c1"}\n\n'],
      ['data: {"usage":null}\n\n', 'data: {}\n\n'],
    ];
    for (const [input, expected] of cases) {
      expect(decode(strip([encodeUtf8(input)]))).toBe(expected);
    }
  });

  it('leaves chunks alone that carry usage next to choices, Azure’s empty filter chunk, comments and [DONE]', () => {
    const usageOnly = 'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}\n\n';
    const deepseekNoNulls = DEEPSEEK_STREAM; // usage on a content chunk, never "usage":null: nothing to strip
    expect(decode(strip([encodeUtf8(deepseekNoNulls)]))).toBe(deepseekNoNulls);
    const azure = AZURE_CHAT_STREAM;
    const azureStripped = decode(strip(randomChunks(encodeUtf8(azure), 9, 11)));
    expect(azureStripped).toContain('"prompt_filter_results"');
    expect(azureStripped).not.toContain('"usage"');
    expect(decode(strip([encodeUtf8(': ping\n\n' + usageOnly + 'data: [DONE]\n\n')]))).toBe(': ping\n\ndata: [DONE]\n\n');
  });

  it('removes the \\n of a \\r\\n whose \\r ended a removed event, even in the next chunk', () => {
    const text = 'data: {"choices":[],"usage":{"prompt_tokens":1}}\r\n\r\ndata: [DONE]\r\n\r\n';
    const bytes = encodeUtf8(text);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(decode(strip([bytes.subarray(0, cut), bytes.subarray(cut)])), `cut at ${cut}`).toBe('data: [DONE]\r\n\r\n');
    }
  });

  it('forwards each complete event at once and holds only an incomplete event', () => {
    const stripper = createIncludeUsageStripper();
    const first = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"é"}}],"usage":null}\n\n';
    const bytes = encodeUtf8(first + 'data: {"id":"c","cho');
    expect(decode(stripper.push(bytes))).toBe('data: {"id":"c","choices":[{"index":0,"delta":{"content":"é"}}]}\n\n');
    expect(decode(stripper.push(encodeUtf8('ices":[],"usage":null}\n')))).toBe('');
    expect(decode(stripper.push(encodeUtf8('\n')))).toBe('data: {"id":"c","choices":[]}\n\n');
  });

  it('a stream cut inside an event passes the held bytes on at the end', () => {
    const text = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"He"}}],"usage":null}\n\ndata: {"id":"c","choi';
    expect(decode(strip(randomChunks(encodeUtf8(text), 3, 5)))).toBe(
      'data: {"id":"c","choices":[{"index":0,"delta":{"content":"He"}}]}\n\ndata: {"id":"c","choi',
    );
  });

  it('content that mentions "usage" is never touched', () => {
    const text = 'data: {"id":"c","choices":[{"index":0,"delta":{"content":"\\"usage\\":null, \\"usage\\": {}"}}]}\n\n';
    expect(decode(strip(chunkings(encodeUtf8(text))[1]!.chunks))).toBe(text);
  });

  it('forwards an oversized event as it comes instead of holding it without bound', () => {
    const stripper = createIncludeUsageStripper();
    const big = 'data: {"choices":[{"delta":{"content":"' + 'x'.repeat(2 * 1024 * 1024) + '"}}],"usage":null}\n\n';
    const bytes = encodeUtf8(big + 'data: {"id":"c","usage":null}\n\n');
    let forwarded = 0;
    let maxHeldBack = 0;
    let fed = 0;
    for (const chunk of randomChunks(bytes, 4, 64 * 1024)) {
      fed += chunk.length;
      forwarded += stripper.push(chunk).length;
      maxHeldBack = Math.max(maxHeldBack, fed - forwarded);
    }
    forwarded += stripper.end().length;
    expect(maxHeldBack).toBeLessThan(1024 * 1024 + 64 * 1024 + 100);
    // The oversized event passed unchanged; the next one is stripped again.
    expect(forwarded).toBe(bytes.length - ',"usage":null'.length);
  });
});
