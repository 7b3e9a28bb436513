/**
 * Stored bodies through `tokentally serve`, the app's own wiring (issue 13.4): a tag listed in
 * storeBodiesForTags keeps its calls' request and response bodies; the request detail returns them;
 * other tags keep nothing.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { UsageDetail, UsagePage } from '../../shared/api/contract.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { startServe, type ServeProcess } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
let anthropic: FakeProvider;
let running: ServeProcess | null = null;

beforeAll(async () => {
  anthropic = await startFakeProvider('anthropic');
});
afterAll(async () => {
  await anthropic.close();
});
afterEach(async () => {
  if (running && running.child.exitCode === null) await running.stop('SIGKILL');
  running = null;
});

async function api<T>(s: ServeProcess, method: string, arg: unknown): Promise<T> {
  const token = new URL(s.uiUrl!).searchParams.get('token')!;
  const res = await fetch(`${s.proxyUrl}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(arg ?? null) });
  const answer = (await res.json()) as { ok: boolean; result: T; error?: { message: string } };
  if (!answer.ok) throw new Error(answer.error?.message);
  return answer.result;
}

describe('stored bodies through tokentally serve', () => {
  it('keeps the bodies of an opted-in tag, shows them in the call detail, and keeps none for other tags', async () => {
    running = await startServe(['--port', '0', '--data-dir', tempDir(), '--ui'], { TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url, TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1' });
    await api(running, 'updateSettings', { storeBodiesForTags: ['debug'] });
    const client = (tag: string) => new Anthropic({ baseURL: `${running!.proxyUrl}/anthropic`, apiKey: 'sk-ant-api03-bodies', defaultHeaders: { 'X-Tokentally-Tag': tag }, maxRetries: 0 });
    await client('debug').messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'keep this prompt' }] });
    await client('other').messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'not this one' }] });

    let page: UsagePage = { records: [] } as unknown as UsagePage;
    for (let i = 0; i < 100 && page.records.length < 2; i++) {
      page = await api<UsagePage>(running, 'listUsage', { limit: 10 });
      if (page.records.length < 2) await new Promise((r) => setTimeout(r, 50));
    }
    const byTag = new Map(page.records.map((r) => [r.tag, r]));
    const kept = await api<UsageDetail>(running, 'getUsage', { id: byTag.get('debug')!.id });
    expect(kept.bodies).not.toBeNull();
    expect(JSON.parse(kept.bodies!.request)).toMatchObject({ messages: [{ content: 'keep this prompt' }] });
    expect(JSON.parse(kept.bodies!.response)).toMatchObject({ type: 'message' });
    expect(kept.bodies!.requestTruncated).toBe(false);
    const other = await api<UsageDetail>(running, 'getUsage', { id: byTag.get('other')!.id });
    expect(other.bodies).toBeNull();
    // The key never reaches the stored request (bodies hold bodies, never headers).
    expect(JSON.stringify(kept.bodies)).not.toContain('sk-ant-api03-bodies');
  }, 120_000);
});
