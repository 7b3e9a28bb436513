/**
 * The writer thread announces its commits to the proxy's thread (usage-changed, for the windows,
 * the tray and the engine) at most once per 50 ms, summed: under load it commits every few
 * milliseconds, and each announcement was a message the proxy's thread took between calls and
 * relayed to the engine (bench:proxy: about 0.2 ms on a streamed call's median). Nothing is lost:
 * the counts add up to the calls, the last commit is announced, and a flush announces at once.
 */
import Anthropic from '@anthropic-ai/sdk';
import { performance } from 'node:perf_hooks';
import { afterEach, expect, test } from 'vitest';
import type { ApiEvent } from '../../shared/api/contract.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';
import { waitFor } from './budget-core-fixtures.js';

const CALLS = 30;
const INTERVAL_MS = 50;
let h: Harness | null = null;

afterEach(async () => {
  await h?.close();
  h = null;
});

test('commits made in a burst reach the proxy thread as a few summed announcements, every call counted', async () => {
  h = await startHarness();
  const core = h.core;
  const announced: number[] = [];
  core.onEvent((e: ApiEvent) => {
    if (e.type === 'usage-changed') announced.push(e.count);
  });
  const client = new Anthropic({ baseURL: `${h.url}/anthropic`, apiKey: 'sk-ant-api03-announce', maxRetries: 0 });
  const started = performance.now();
  // One call at a time, each committed on its own (the writer commits within 2 ms of a call).
  for (let i = 0; i < CALLS; i++) {
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: 16, messages: [{ role: 'user', content: `call ${i}` }] });
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sum = () => announced.reduce((a, b) => a + b, 0);
  // The last commits are announced at the end of their interval, not dropped.
  await waitFor(() => sum() === CALLS, `${CALLS} calls announced (so far ${sum()} in ${announced.length})`, 5_000);
  const elapsed = performance.now() - started;
  // At most one announcement per interval, plus the first (at once) and the last (at its end).
  expect(announced.length, `${announced.length} announcements in ${elapsed.toFixed(0)} ms`).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL_MS) + 2);
  expect((await core.api.listUsage({})).total).toBe(CALLS);
}, 60_000);
