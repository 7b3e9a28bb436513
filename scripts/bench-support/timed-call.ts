/**
 * The client side of the served-app benchmarks: one Messages call timed end to end and to its
 * first byte, the request bodies they send, and the percentile their figures are read with.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Sample {
  /** Milliseconds from sending the request to the answer's last byte. */
  total: number;
  /** Milliseconds to the answer's first byte. */
  ttfb: number;
}

const PROMPT = 'Say hello. '.repeat(50);
export const MESSAGES_BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content: PROMPT }] });
export const STREAMED_MESSAGES_BODY = JSON.stringify({ model: 'claude-haiku-4-5', max_tokens: 1024, stream: true, messages: [{ role: 'user', content: PROMPT }] });

/** POSTs `body` to 127.0.0.1:port; rejects on an answer that is not a 200. */
export function timedCall(agent: http.Agent, port: number, urlPath: string, body: string, headers: Record<string, string> = { 'x-api-key': 'sk-ant-bench' }): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let ttfb = -1;
    const req = http.request(
      { host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        res.on('data', () => {
          if (ttfb < 0) ttfb = performance.now() - t0;
        });
        res.on('end', () => (res.statusCode === 200 ? resolve({ total: performance.now() - t0, ttfb }) : reject(new Error(`${urlPath}: status ${res.statusCode}`))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The value below which `p` percent of `values` fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
