import { describe, expect, it } from 'vitest';
import { freshCodexCarry, readCodexLine, sessionIdFromFileName, type CodexCall } from '../../shared/transcripts/codex-session.js';
import { codexSessionLines } from '../support/codex-sessions.js';

const SESSION = '019a9776-0a34-7842-8627-112b63d66e90';

function readAll(lines: readonly string[], carry = freshCodexCarry()) {
  const calls: CodexCall[] = [];
  const kinds: string[] = [];
  for (const line of lines) {
    const r = readCodexLine(line, carry, 'from-file-name');
    kinds.push(r.kind);
    if (r.kind === 'call') calls.push(r.call);
  }
  return { calls, kinds, carry };
}

describe('readCodexLine', () => {
  it('gives one call per token count: the turn’s model, cached input and reasoning inside their totals', () => {
    const { lines } = codexSessionLines(SESSION, [
      { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: '2025-11-20T10:00:01.000Z' },
      { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: '2025-11-20T10:01:00.000Z' },
      { model: 'gpt-5.1-codex-max', input: 3_000, cached: 0, output: 2_000, reasoning: 1_500, at: '2025-11-20T10:05:00.000Z' },
    ]);
    const { calls, kinds } = readAll(lines);
    expect(kinds.filter((k) => k === 'repeat')).toHaveLength(3);
    expect(calls.map((c) => c.model)).toEqual(['gpt-5-codex', 'gpt-5-codex', 'gpt-5.1-codex-max']);
    expect(calls[0]).toEqual({
      externalId: `codex:${SESSION}:12800`,
      time: Date.parse('2025-11-20T10:00:01.000Z'),
      model: 'gpt-5-codex',
      tokens: { inputTokens: 3_000, cacheWrite5mTokens: 0, cacheWrite1hTokens: 0, cacheReadTokens: 9_000, outputTokens: 500, reasoningTokens: 300, webSearchRequests: 0 },
      sessionId: SESSION,
      cwd: '/home/dev/app',
    });
    expect(calls[2]!.tokens).toMatchObject({ inputTokens: 3_000, cacheReadTokens: 0, outputTokens: 500, reasoningTokens: 1_500 });
    // Ids follow the running total: the same call read again gets the same id.
    expect(calls.map((c) => c.externalId)).toEqual([`codex:${SESSION}:12800`, `codex:${SESSION}:27200`, `codex:${SESSION}:32200`]);
  });

  it('resumes mid-file from a carried state, and works out calls from running totals when a log has no per-call figures', () => {
    const { lines } = codexSessionLines(SESSION, [
      { model: 'gpt-5', input: 1_000, cached: 0, output: 100, reasoning: 0, at: '2025-11-20T10:00:00.000Z' },
      { model: 'gpt-5', input: 2_000, cached: 500, output: 300, reasoning: 100, at: '2025-11-20T10:00:30.000Z' },
    ]);
    const split = lines.findIndex((l) => l.includes('"total_tokens":1100')) + 2; // after the first call and its repeat
    const head = readAll(lines.slice(0, split));
    const tail = readAll(lines.slice(split), { ...head.carry });
    expect(tail.calls.map((c) => c.model)).toEqual(['gpt-5']);
    expect(tail.calls[0]!.externalId).toBe(`codex:${SESSION}:3400`);

    // Only running totals (older Codex): the difference is the call.
    const totalsOnly = lines.map((l) => l.replace(/,"last_token_usage":\{[^}]*\}/, ''));
    const { calls } = readAll(totalsOnly);
    expect(calls.map((c) => [c.tokens.inputTokens, c.tokens.cacheReadTokens, c.tokens.outputTokens, c.tokens.reasoningTokens])).toEqual([
      [1_000, 0, 100, 0],
      [1_500, 500, 200, 100],
    ]);
  });

  it('skips what is not a call: torn lines, counts before the first call, lines without a time; an unnamed model is unknown', () => {
    const carry = freshCodexCarry();
    expect(readCodexLine('{"timestamp":"2025-11-20T10:00:00Z","type":"event_msg","payl', carry, 'x').kind).toBe('not-json');
    expect(readCodexLine('[1,2]', carry, 'x').kind).toBe('not-json');
    expect(readCodexLine('{"type":"event_msg","payload":{"type":"token_count","info":null}}', carry, 'x').kind).toBe('other');
    const usage = '{"total_token_usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15},"last_token_usage":{"input_tokens":10,"output_tokens":5,"total_tokens":15}}';
    expect(readCodexLine(`{"type":"event_msg","payload":{"type":"token_count","info":${usage}}}`, carry, 'x').kind).toBe('no-time');
    const r = readCodexLine(`{"timestamp":"2025-11-20T10:00:00Z","type":"event_msg","payload":{"type":"token_count","info":${usage.replace(/15/g, '16').replace(/"output_tokens":5/g, '"output_tokens":6')}}}`, freshCodexCarry(), 'file-session');
    expect(r).toMatchObject({ kind: 'call', call: { model: 'unknown', externalId: 'codex:file-session:16' } });
  });

  it('skips a call with impossible figures as malformed, and reads the next call as usual', () => {
    const carry = freshCodexCarry();
    const count = (total: number, last: string) =>
      `{"timestamp":"2025-11-20T10:00:00Z","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":${total},"output_tokens":0,"total_tokens":${total}},"last_token_usage":${last}}}}`;
    expect(readCodexLine(count(100, '{"input_tokens":4e15,"output_tokens":4e15}'), carry, 'x').kind).toBe('malformed');
    expect(readCodexLine(count(200, '{"input_tokens":9007199254740993,"output_tokens":1}'), carry, 'x').kind).toBe('malformed');
    expect(readCodexLine(count(300, '{"input_tokens":10,"cached_input_tokens":1e300,"output_tokens":1}'), carry, 'x').kind).toBe('malformed');
    const next = readCodexLine(count(400, '{"input_tokens":100,"output_tokens":5}'), carry, 'x');
    expect(next).toMatchObject({ kind: 'call', call: { externalId: 'codex:x:400', tokens: { inputTokens: 100, outputTokens: 5 } } });
  });

  it('skips a call dated after the latest time it is given as malformed, and keeps its rate limits out too', () => {
    const carry = freshCodexCarry();
    const limits = '{"primary":{"used_percent":7,"window_minutes":300,"resets_at":1763780400}}';
    const count = (ts: string, total: number) =>
      `{"timestamp":"${ts}","type":"event_msg","payload":{"type":"token_count","info":{"total_token_usage":{"input_tokens":${total},"output_tokens":0,"total_tokens":${total}},"last_token_usage":{"input_tokens":100,"output_tokens":0}},"rate_limits":${limits}}}`;
    const latest = Date.parse('2025-11-21T10:00:00Z');
    expect(readCodexLine(count('9999-12-31T23:00:00Z', 100), carry, 'x', latest)).toEqual({ kind: 'malformed' });
    expect(readCodexLine(count('2025-11-21T10:00:01Z', 200), carry, 'x', latest)).toEqual({ kind: 'malformed' });
    expect(readCodexLine(count('1969-12-31T23:00:00Z', 300), carry, 'x', latest)).toEqual({ kind: 'malformed' });
    expect(readCodexLine(count('9999-12-31T23:00:00Z', 400), carry, 'x')).toEqual({ kind: 'malformed' });
    expect(readCodexLine(count('2025-11-21T10:00:00Z', 500), carry, 'x', latest)).toMatchObject({ kind: 'call', call: { externalId: 'codex:x:500' }, limits: { at: latest } });
  });

  it('takes the session id from a rollout file name', () => {
    expect(sessionIdFromFileName(`rollout-2025-11-20T10-00-00-${SESSION}.jsonl`)).toBe(SESSION);
    expect(sessionIdFromFileName('notes.jsonl')).toBe('notes');
  });
});
