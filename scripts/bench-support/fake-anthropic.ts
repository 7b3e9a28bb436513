/**
 * The fake Anthropic the served-app benchmarks (bench:proxy, bench:isolation, bench:durability) put
 * behind `tokentally serve`: the Messages API on loopback, answered at once or after a set delay,
 * plain or streamed as the request asks. Each answer carries a request id of its own, as a
 * provider's does: the ledger looks rows up by request id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const MODEL = 'claude-haiku-4-5-20251001';

/** A plain answer: 1,200 uncached input tokens, 8,000 read from the cache, 120 output. */
const MESSAGE = JSON.stringify({
  id: 'msg_bench',
  type: 'message',
  role: 'assistant',
  model: MODEL,
  content: [{ type: 'text', text: 'Hello! '.repeat(40) }],
  stop_reason: 'end_turn',
  stop_sequence: null,
  usage: { input_tokens: 1200, cache_creation_input_tokens: 0, cache_read_input_tokens: 8000, output_tokens: 120 },
});

/** The same answer streamed: message_start, twenty text deltas, the final usage, message_stop. */
function streamEvents(): string[] {
  const ev = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
  return [
    ev('message_start', { type: 'message_start', message: { id: 'msg_bench', type: 'message', role: 'assistant', model: MODEL, content: [], usage: { input_tokens: 1200, cache_read_input_tokens: 8000, output_tokens: 1 } } }),
    ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
    ev('ping', { type: 'ping' }),
    ...Array.from({ length: 20 }, (_, i) => ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: `token ${i} ` } })),
    ev('content_block_stop', { type: 'content_block_stop', index: 0 }),
    ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 120 } }),
    ev('message_stop', { type: 'message_stop' }),
  ];
}

export interface FakeAnthropicOptions {
  /** How long each answer waits before it starts (a provider's service time); 0: at once. */
  delayMs?: number;
  /** Headers added to every answer (e.g. a subscriber's plan-window headers). */
  headers?: Record<string, string>;
}

/** The fake's server, not yet listening (see listenOnLoopback). */
export function fakeAnthropicServer(options: FakeAnthropicOptions = {}): http.Server {
  const events = streamEvents();
  const delayMs = options.delayMs ?? 0;
  const extra = options.headers ?? {};
  let served = 0;
  const requestId = () => `req_bench_${process.pid}_${++served}`;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = () => {
        if (!Buffer.concat(chunks).includes('"stream":true')) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(MESSAGE), 'request-id': requestId(), ...extra });
          res.end(MESSAGE);
          return;
        }
        res.writeHead(200, { 'content-type': 'text/event-stream', 'request-id': requestId(), ...extra });
        // The first event goes out on its own, as a provider's message_start does, then the rest.
        res.write(events[0]);
        setImmediate(() => {
          for (let i = 1; i < events.length; i++) res.write(events[i]);
          res.end();
        });
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  // Idle sockets stay open between rounds, as a provider's do, so no call pays for a new connection.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Listens on a free port of 127.0.0.1; resolves with the port. */
export function listenOnLoopback(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
