import { describe, expect, it } from 'vitest';
import { isMoreComplete, messageKey, parseClaudeCodeLine, totalTokens } from '../../shared/transcripts/claude-code-line.js';
import { ZERO_TOKENS } from '../../shared/usage.js';

const usage = {
  input_tokens: 12,
  cache_creation_input_tokens: 1500,
  cache_read_input_tokens: 40_000,
  output_tokens: 321,
  cache_creation: { ephemeral_5m_input_tokens: 500, ephemeral_1h_input_tokens: 1000 },
  server_tool_use: { web_search_requests: 2 },
  service_tier: 'standard',
};

function assistant(extra: Record<string, unknown> = {}, message: Record<string, unknown> = {}): string {
  return JSON.stringify({
    parentUuid: 'p-1',
    isSidechain: false,
    type: 'assistant',
    uuid: 'u-1',
    sessionId: 's-1',
    cwd: '/home/dev/Projekte/über-app',
    timestamp: '2025-10-03T23:59:58.250Z',
    requestId: 'req_011CAbc',
    message: { id: 'msg_01Xyz', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: 'hi "usage"' }], usage, ...message },
    ...extra,
  });
}

describe('a Claude Code transcript line', () => {
  it('reads an assistant line as one message: disjoint tokens, 5m/1h writes, ids and time', () => {
    const r = parseClaudeCodeLine(assistant());
    expect(r).toEqual({
      ok: true,
      message: {
        externalId: 'req_011CAbc:msg_01Xyz',
        messageId: 'msg_01Xyz',
        requestId: 'req_011CAbc',
        time: Date.parse('2025-10-03T23:59:58.250Z'),
        model: 'claude-sonnet-4-5-20250929',
        tokens: { inputTokens: 12, cacheWrite5mTokens: 500, cacheWrite1hTokens: 1000, cacheReadTokens: 40_000, outputTokens: 321, reasoningTokens: 0, webSearchRequests: 2 },
        sessionId: 's-1',
        cwd: '/home/dev/Projekte/über-app',
        sidechain: false,
      },
    });
  });

  it('bills cache writes at 5m when only the total is given (older transcripts)', () => {
    const r = parseClaudeCodeLine(assistant({}, { usage: { input_tokens: 3, cache_creation_input_tokens: 800, output_tokens: 9 } }));
    expect(r.ok && r.message.tokens).toMatchObject({ cacheWrite5mTokens: 800, cacheWrite1hTokens: 0, inputTokens: 3, outputTokens: 9 });
  });

  it('counts sub-agent (sidechain) replies', () => {
    const r = parseClaudeCodeLine(assistant({ isSidechain: true }));
    expect(r.ok && r.message.sidechain).toBe(true);
  });

  it.each([
    ['not JSON', 'Error: ENOSPC: no space left on device', 'not-json'],
    ['a torn write', assistant().slice(0, 200), 'not-json'],
    ['a JSON array', '[1,2]', 'not-json'],
    ['a user line', JSON.stringify({ type: 'user', timestamp: '2025-10-03T10:00:00Z', message: { role: 'user', content: 'hi' } }), 'no-usage'],
    [
      'a Task result carrying the sub-agent usage on a user line',
      JSON.stringify({ type: 'user', timestamp: '2025-10-03T10:00:00Z', message: { role: 'user', content: [] }, toolUseResult: { usage } }),
      'no-usage',
    ],
    ['a summary line', JSON.stringify({ type: 'summary', summary: 'x', leafUuid: 'l' }), 'no-usage'],
    ['an assistant line without usage', assistant({}, { usage: undefined }), 'no-usage'],
    ['a synthetic reply, whatever its usage', assistant({}, { model: '<synthetic>' }), 'synthetic'],
    ['an API error shown as a reply', assistant({ isApiErrorMessage: true }), 'api-error'],
    ['a line without a time', assistant({ timestamp: 'yesterday' }), 'no-time'],
  ])('skips %s', (_what, line, reason) => {
    expect(parseClaudeCodeLine(line)).toEqual({ ok: false, reason });
  });

  it.each([
    ['4e15 tokens', { input_tokens: 4e15, output_tokens: 4e15 }],
    ['1e300 tokens', { input_tokens: 1e300, output_tokens: 1 }],
    ['a cache read of 10 billion and one', { input_tokens: 1, cache_read_input_tokens: 10_000_000_001, output_tokens: 1 }],
    ['a 1-hour cache write of 1e20', { input_tokens: 1, cache_creation: { ephemeral_1h_input_tokens: 1e20 }, output_tokens: 1 }],
    ['1e16 web searches', { input_tokens: 1, output_tokens: 1, server_tool_use: { web_search_requests: 1e16 } }],
  ])('skips a message with impossible usage (%s) as malformed', (_what, impossible) => {
    expect(parseClaudeCodeLine(assistant({}, { usage: impossible }))).toEqual({ ok: false, reason: 'malformed' });
  });

  it('skips a message with a count past 2^53 (JSON.parse reads 2^53 + 1 as 2^53) as malformed', () => {
    const line = assistant({}, { usage: { input_tokens: 2 ** 53, output_tokens: 1 } }).replace(String(2 ** 53), '9007199254740993');
    expect(line).toContain('"input_tokens":9007199254740993');
    expect(parseClaudeCodeLine(line)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('takes up to 10 billion tokens of a kind in one call', () => {
    const r = parseClaudeCodeLine(assistant({}, { usage: { input_tokens: 10_000_000_000, cache_read_input_tokens: 10_000_000_000, output_tokens: 10_000_000_000 } }));
    expect(r.ok && r.message.tokens).toMatchObject({ inputTokens: 1e10, cacheReadTokens: 1e10, outputTokens: 1e10 });
  });

  it('skips a message dated after the latest time it is given (the import gives now + 1 day) or before 1970 as malformed', () => {
    const at = Date.parse('2025-10-03T23:59:58.250Z');
    expect(parseClaudeCodeLine(assistant(), at).ok).toBe(true);
    expect(parseClaudeCodeLine(assistant(), at - 1)).toEqual({ ok: false, reason: 'malformed' });
    expect(parseClaudeCodeLine(assistant({ timestamp: '1969-12-31T23:59:59Z' }))).toEqual({ ok: false, reason: 'malformed' });
    // Given no clock, nothing from 2100 on is taken: a year 9999 would break every daily report.
    expect(parseClaudeCodeLine(assistant({ timestamp: '9999-12-31T23:00:00Z' }))).toEqual({ ok: false, reason: 'malformed' });
    expect(parseClaudeCodeLine(assistant({ timestamp: '+275760-09-13T00:00:00Z' }))).toEqual({ ok: false, reason: 'malformed' });
    expect(parseClaudeCodeLine(assistant({ timestamp: '2099-12-31T23:59:59Z' })).ok).toBe(true);
  });

  it('keys a message by request id and message id, falling back to what the line has', () => {
    expect(messageKey('msg_1', 'req_1', 'u', () => 'x')).toBe('req_1:msg_1');
    expect(messageKey('msg_1', null, 'u', () => 'x')).toBe('msg_1');
    expect(messageKey(null, null, 'u-9', () => 'x')).toBe('uuid:u-9');
    const a = messageKey(null, null, null, () => '{"a":1}');
    expect(a).toMatch(/^line:[0-9a-f]{8}-7$/);
    expect(messageKey(null, null, null, () => '{"a":1}')).toBe(a);
    expect(messageKey(null, null, null, () => '{"a":2}')).not.toBe(a);
    const noRequest = parseClaudeCodeLine(assistant({ requestId: undefined }));
    expect(noRequest.ok && noRequest.message.externalId).toBe('msg_01Xyz');
  });

  it('takes the copy with more tokens as more complete; a tie keeps the first', () => {
    const partial = { ...ZERO_TOKENS, inputTokens: 10, cacheReadTokens: 100, outputTokens: 5 };
    const final = { ...partial, outputTokens: 500 };
    expect(totalTokens(final)).toBe(610);
    expect(isMoreComplete(partial, final)).toBe(true);
    expect(isMoreComplete(final, partial)).toBe(false);
    expect(isMoreComplete(final, { ...final })).toBe(false);
    // A later copy with fewer output tokens but a larger cache read is still the larger one (as ccusage).
    expect(isMoreComplete({ ...partial, outputTokens: 50 }, { ...partial, outputTokens: 40, cacheReadTokens: 1000 })).toBe(true);
  });
});
