import { describe, expect, it } from 'vitest';
import { priceUsage } from '../../shared/pricing/index.js';
import { geminiTokens, readGeminiLegacyFile, readGeminiLine, type GeminiCall } from '../../shared/transcripts/gemini-session.js';
import { GeminiRecorder, geminiSessionLines, type GeminiCallSpec } from '../support/gemini-sessions.js';

const SESSION = '5a0c9a3e-2b1f-4c7d-9e8a-1f2e3d4c5b6a';

const CALLS: GeminiCallSpec[] = [
  { model: 'gemini-2.5-pro', input: 12_000, cached: 9_000, output: 800, thoughts: 300, at: '2026-11-20T10:00:01.000Z', toolCall: true },
  { model: 'gemini-2.5-pro', input: 14_000, cached: 12_000, output: 400, thoughts: 0, tool: 250, at: '2026-11-20T10:01:00.000Z' },
  { model: 'gemini-2.5-flash', input: 3_000, cached: 0, output: 2_000, thoughts: 1_500, at: '2026-11-20T11:00:00.000Z' },
];

function readAll(lines: readonly string[]) {
  const calls: GeminiCall[] = [];
  const kinds: string[] = [];
  for (const line of lines) {
    const r = readGeminiLine(line);
    kinds.push(r.kind);
    if (r.kind === 'calls') calls.push(...r.calls);
  }
  return { calls, kinds };
}

describe('readGeminiLine', () => {
  it('gives each reply’s model call with its usage as disjoint kinds, keyed by the reply’s id', () => {
    const session = geminiSessionLines(SESSION, CALLS);
    const { calls } = readAll(session.lines);
    // The tool-calling reply is written twice (tokens first, then with its toolCalls): same id, same usage.
    expect(calls).toHaveLength(4);
    expect(new Set(calls.map((c) => c.externalId)).size).toBe(3);
    const [first, again, second, third] = calls;
    expect(again).toEqual(first);
    expect(first).toEqual({
      externalId: `gemini-cli:${session.replyIds[0]}`,
      time: Date.parse('2026-11-20T10:00:01.000Z'),
      model: 'gemini-2.5-pro',
      // promptTokenCount includes the cached tokens; thoughts are billed beside the candidates.
      tokens: { inputTokens: 3_000, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 9_000, outputTokens: 800, reasoningTokens: 300, webSearchRequests: 0 },
    });
    // Tool-use prompt tokens are input beside the prompt.
    expect(second!.tokens).toMatchObject({ inputTokens: 2_000 + 250, cacheReadTokens: 12_000, outputTokens: 400, reasoningTokens: 0 });
    expect(third).toMatchObject({ model: 'gemini-2.5-flash', tokens: { inputTokens: 3_000, cacheReadTokens: 0, outputTokens: 2_000, reasoningTokens: 1_500 } });
  });

  it('reads metadata, prompts, tool results and lastUpdated lines as no usage, and a torn line as not JSON', () => {
    const session = geminiSessionLines(SESSION, CALLS.slice(0, 1));
    const { kinds } = readAll(session.lines);
    // metadata, user, $set, reply, $set, reply again (tool calls), tool result, $set
    expect(kinds).toEqual(['other', 'other', 'other', 'calls', 'other', 'calls', 'other', 'other']);
    const reply = session.lines[3]!;
    expect(readGeminiLine(reply.slice(0, reply.length - 40))).toEqual({ kind: 'not-json' });
    expect(readGeminiLine('not json at all')).toEqual({ kind: 'not-json' });
  });

  it('finds the same calls again in a history sync, and keeps calls a rewind removed from the conversation', () => {
    const r = geminiSessionLines(SESSION, CALLS.slice(0, 2));
    r.historySync('2026-11-20T10:02:00.000Z').rewindTo(r.replyIds[1]!);
    const sync = readGeminiLine(r.lines.at(-2)!);
    expect(sync.kind).toBe('calls');
    expect(sync.kind === 'calls' && sync.calls.map((c) => c.externalId)).toEqual(r.replyIds.map((id) => `gemini-cli:${id}`));
    expect(readGeminiLine(r.lines.at(-1)!)).toEqual({ kind: 'other' });
  });

  it('skips replies without usage: the CLI’s own synthetic replies, tokens not attached yet, all zero', () => {
    const r = new GeminiRecorder(SESSION).start('2026-11-20T10:00:00.000Z').synthetic('2026-11-20T10:00:00.000Z');
    expect(readAll(r.lines).calls).toEqual([]);
    const bare = { id: 'b', timestamp: '2026-11-20T10:00:00.000Z', type: 'gemini', content: '', model: 'gemini-2.5-pro' };
    expect(readGeminiLine(JSON.stringify({ ...bare, tokens: null }))).toEqual({ kind: 'other' });
    expect(readGeminiLine(JSON.stringify({ ...bare, tokens: { input: 0, output: 0, cached: 0, thoughts: 0, tool: 0, total: 0 } }))).toEqual({ kind: 'other' });
    expect(readGeminiLine(JSON.stringify({ ...bare, timestamp: 'yesterday', tokens: { input: 5, output: 1, cached: 0, total: 6 } }))).toEqual({ kind: 'other' });
    // An error or info message is never usage, whatever it holds.
    expect(readGeminiLine(JSON.stringify({ ...bare, type: 'error', tokens: { input: 5, output: 1, cached: 0, total: 6 } }))).toEqual({ kind: 'other' });
  });

  it('counts a reply with impossible token figures as malformed, on its own line and inside a history sync', () => {
    const reply = (id: string, tokens: Record<string, number>) => ({ id, timestamp: '2026-11-20T10:00:00.000Z', type: 'gemini', content: '', model: 'gemini-2.5-pro', tokens });
    expect(readGeminiLine(JSON.stringify(reply('a', { input: 4e15, output: 4e15, total: 8e15 })))).toEqual({ kind: 'malformed', count: 1 });
    expect(readGeminiLine(JSON.stringify(reply('b', { input: 1e300, output: 1 })))).toEqual({ kind: 'malformed', count: 1 });
    const sync = readGeminiLine(JSON.stringify({ $set: { messages: [reply('c', { input: 10, output: 1 }), reply('d', { input: 2 ** 53, output: 1 })] } }).replace(String(2 ** 53), '9007199254740993'));
    expect(sync).toMatchObject({ kind: 'calls', malformed: 1, calls: [{ externalId: 'gemini-cli:c' }] });
  });

  it('counts a reply dated after the latest time it is given, or before 1970, as malformed', () => {
    const reply = (timestamp: string) => JSON.stringify({ id: 'r', timestamp, type: 'gemini', content: '', model: 'gemini-2.5-pro', tokens: { input: 10, output: 1 } });
    const latest = Date.parse('2026-11-21T10:00:00.000Z');
    expect(readGeminiLine(reply('2026-11-21T10:00:00.001Z'), latest)).toEqual({ kind: 'malformed', count: 1 });
    expect(readGeminiLine(reply('9999-12-31T23:00:00.000Z'))).toEqual({ kind: 'malformed', count: 1 });
    expect(readGeminiLine(reply('1969-12-31T23:00:00.000Z'))).toEqual({ kind: 'malformed', count: 1 });
    expect(readGeminiLine(reply('2026-11-21T10:00:00.000Z'), latest)).toMatchObject({ kind: 'calls', malformed: 0 });
  });

  it('reads the summary as the proxy reads usageMetadata: tool-use tokens counted once, inside the prompt when the total says so', () => {
    const beside = geminiTokens({ input: 1_000, output: 100, cached: 0, thoughts: 50, tool: 200, total: 1_350 });
    const inside = geminiTokens({ input: 1_000, output: 100, cached: 0, thoughts: 50, tool: 200, total: 1_150 });
    expect(beside).toMatchObject({ inputTokens: 1_200, outputTokens: 100, reasoningTokens: 50 });
    expect(inside).toMatchObject({ inputTokens: 1_000, outputTokens: 100, reasoningTokens: 50 });
  });

  it('prices a reply that names no model as unknown (conservative), never as free', () => {
    const line = JSON.stringify({ id: 'm', timestamp: '2026-11-20T10:00:00.000Z', type: 'gemini', content: 'x', tokens: { input: 1_000, output: 10, cached: 0, total: 1_010 } });
    const r = readGeminiLine(line);
    expect(r.kind === 'calls' && r.calls[0]!.model).toBe('unknown');
  });
});

describe('readGeminiLegacyFile', () => {
  it('reads a pre-v0.39 session file (one pretty-printed object) to the same calls as its JSONL copy', () => {
    const r = geminiSessionLines(SESSION, CALLS);
    const legacy = readGeminiLegacyFile(r.legacyText('2026-11-20T10:00:00.000Z'));
    const unique = new Map(readAll(r.lines).calls.map((c) => [c.externalId, c]));
    expect(legacy).toEqual([...unique.values()]);
  });

  it('reads early files whose tokens lack thoughts and tool, and refuses a file caught half-written', () => {
    const text = JSON.stringify(
      {
        sessionId: SESSION,
        projectHash: 'f'.repeat(64),
        startTime: '2025-09-30T14:11:04.096Z',
        lastUpdated: '2025-09-30T14:11:07.670Z',
        messages: [
          { id: 'u1', timestamp: '2025-09-30T14:11:04.096Z', type: 'user', content: 'What is 2+2?' },
          { id: 'g1', timestamp: '2025-09-30T14:11:07.670Z', type: 'gemini', content: '4', thoughts: [], tokens: { input: 7173, output: 1, cached: 0, total: 7174 }, model: 'gemini-2.5-pro' },
        ],
      },
      null,
      2,
    );
    expect(readGeminiLegacyFile(text)).toEqual([
      {
        externalId: 'gemini-cli:g1',
        time: Date.parse('2025-09-30T14:11:07.670Z'),
        model: 'gemini-2.5-pro',
        tokens: { inputTokens: 7173, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 0, outputTokens: 1, reasoningTokens: 0, webSearchRequests: 0 },
      },
    ]);
    expect(readGeminiLegacyFile(text.slice(0, text.length / 2))).toBeNull();
    expect(readGeminiLegacyFile('[{"role":"user"}]')).toBeNull();
  });
});

describe('geminiTokens priced with the price data (provider gemini: Google’s prices)', () => {
  // Rates from Google's Gemini API pricing page as reported 2026-01/03 (deploybase.ai/articles/gemini-api-pricing,
  // "Data from Google's official pricing page (March 2026)"), read 2026-12-07: 2.5 Pro $1.25 input / $10 output a
  // million tokens for prompts up to 200K, $2.50 / $15 above; 2.5 Flash $0.30 / $2.50, one tier. Thinking is billed
  // as output.
  const nano = (usd: number) => Math.round(usd * 1e9);
  const price = (model: string, summary: Record<string, number>) =>
    priceUsage({ provider: 'gemini', model, tokens: geminiTokens(summary)!, at: new Date('2026-11-20T10:00:00Z') });

  it('prices Gemini 2.5 Pro at its short-context rates up to 200K prompt tokens', () => {
    const p = price('gemini-2.5-pro', { input: 100_000, output: 1_500, thoughts: 500, cached: 0 });
    expect(p.priced).toBe(true);
    expect(p.totalNano).toBe(nano(0.1 * 1.25 + 0.002 * 10));
  });

  it('prices the whole call at the long-context rates once the prompt (tool-use tokens included) passes 200K', () => {
    const p = price('gemini-2.5-pro', { input: 199_900, tool: 200, output: 2_000, cached: 0 });
    expect(p.totalNano).toBe(nano(0.2001 * 2.5 + 0.002 * 15));
    const under = price('gemini-2.5-pro', { input: 199_900, tool: 100, output: 2_000, cached: 0 });
    expect(under.totalNano).toBe(nano(0.2 * 1.25 + 0.002 * 10));
  });

  it('prices Gemini 2.5 Flash with thinking at the output rate', () => {
    const p = price('gemini-2.5-flash', { input: 10_000, output: 1_000, thoughts: 500, cached: 0 });
    expect(p.totalNano).toBe(nano(0.01 * 0.3 + 0.0015 * 2.5));
  });

  it('prices cached prompt tokens below fresh ones', () => {
    const fresh = price('gemini-2.5-pro', { input: 50_000, output: 0, cached: 0 });
    const cached = price('gemini-2.5-pro', { input: 50_000, output: 0, cached: 40_000 });
    expect(cached.priced).toBe(true);
    expect(cached.totalNano).toBeLessThan(fresh.totalNano);
    expect(cached.totalNano).toBeGreaterThan(nano(0.01 * 1.25));
  });
});
