import { describe, expect, it } from 'vitest';
import { csvField, nanoToDecimalUsd, toCsv, usageRecordsToCsv, USAGE_CSV_HEADER } from '../../shared/report/csv.js';
import type { UsageRecord } from '../../shared/usage.js';
import { parseCsv } from '../support/parse-csv.js';

function record(over: Partial<UsageRecord> = {}): UsageRecord {
  return {
    id: 1,
    time: Date.UTC(2025, 2, 9, 6, 59, 0, 123),
    provider: 'anthropic',
    model: 'claude-sonnet-4-20250514',
    billing: 'api',
    source: 'proxy',
    tag: 'claude-cli',
    status: 'ok',
    stream: true,
    inputTokens: 5000,
    cacheWrite5mTokens: 10,
    cacheWrite1hTokens: 20,
    cacheReadTokens: 30,
    outputTokens: 2000,
    reasoningTokens: 0,
    webSearchRequests: 1,
    costNano: 45_000_000,
    priced: true,
    costSource: 'computed',
    priceVersion: 'genai-prices 0.1.8',
    latencyMs: 812,
    ttftMs: 140,
    requestId: 'req_123',
    externalId: null,
    endpoint: '/v1/messages',
    httpStatus: 200,
    errorMessage: null,
    keyRef: null,
    ...over,
  };
}

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['crlf\r\nhere', '"crlf\r\nhere"'],
    [' spaced ', ' spaced '],
  ])('%j → %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('writes numbers, booleans and empties plainly', () => {
    expect(csvField(0)).toBe('0');
    expect(csvField(1234567)).toBe('1234567');
    expect(csvField(true)).toBe('true');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
  });
});

describe('toCsv', () => {
  it('ends every record with CRLF and reads back field for field', () => {
    const nasty = ['comma, inside', 'quote " inside', 'new\nline', 'cr\r\nlf', '', 'ünïcødé ✓'];
    const text = toCsv(['a', 'b', 'c', 'd', 'e', 'f'], [nasty, ['1', '2', '3', '4', '5', '6']]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['a', 'b', 'c', 'd', 'e', 'f'], nasty, ['1', '2', '3', '4', '5', '6']]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv(['x', 'y'], [])).toBe('x,y\r\n');
  });
});

describe('nanoToDecimalUsd', () => {
  it.each([
    [0, '0.00'],
    [3_600_000, '0.0036'],
    [45_000_000, '0.045'],
    [675_000_000, '0.675'],
    [1_350_000_000_000, '1350.00'],
    [1_234_567_891, '1.234567891'],
    [1, '0.000000001'],
    [-2_500_000_000, '-2.50'],
    [Number.MAX_SAFE_INTEGER, '9007199.254740991'],
  ])('%d → %s', (nano, expected) => {
    expect(nanoToDecimalUsd(nano)).toBe(expected);
  });

  it('refuses a non-integer amount rather than rounding it silently', () => {
    expect(() => nanoToDecimalUsd(1.5)).toThrow(/nano-dollars/);
  });
});

describe('usageRecordsToCsv', () => {
  it('has one column per header name and the record values in order', () => {
    const rows = parseCsv(usageRecordsToCsv([record()], 'America/New_York'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([...USAGE_CSV_HEADER]);
    const line = Object.fromEntries(USAGE_CSV_HEADER.map((name, i) => [name, rows[1]![i]]));
    expect(line).toMatchObject({
      id: '1',
      // 06:59 UTC on 9 March 2025 is 01:59 EST, a minute before New York moves to daylight time.
      time: '2025-03-09T01:59:00.123-05:00',
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      billing: 'api',
      tag: 'claude-cli',
      stream: 'true',
      inputTokens: '5000',
      cacheWrite5mTokens: '10',
      cacheWrite1hTokens: '20',
      cacheReadTokens: '30',
      outputTokens: '2000',
      webSearchRequests: '1',
      costUsd: '0.045',
      priced: 'true',
      latencyMs: '812',
      errorMessage: '',
    });
  });

  it('keeps unpriced rows with their estimate and quotes hostile text', () => {
    const rows = parseCsv(
      usageRecordsToCsv(
        [
          record({ id: 2, model: 'mystery-model', priced: false, costSource: 'fallback', costNano: 1_000_000, tag: 'team "a", b' }),
          record({ id: 3, tag: null, latencyMs: null, errorMessage: 'overloaded,\n"retry"', status: 'error', costNano: 0 }),
        ],
        'UTC',
      ),
    );
    const col = (name: (typeof USAGE_CSV_HEADER)[number]) => USAGE_CSV_HEADER.indexOf(name);
    expect(rows[1]![col('priced')]).toBe('false');
    expect(rows[1]![col('costUsd')]).toBe('0.001');
    expect(rows[1]![col('tag')]).toBe('team "a", b');
    expect(rows[2]![col('tag')]).toBe('');
    expect(rows[2]![col('latencyMs')]).toBe('');
    expect(rows[2]![col('errorMessage')]).toBe('overloaded,\n"retry"');
    expect(rows[2]![col('time')]).toBe('2025-03-09T06:59:00.123+00:00');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    const rows = parseCsv(usageRecordsToCsv([record({ tag: '=HYPERLINK("http://x")', model: '+cmd', provider: '@p' })], 'UTC'));
    const col = (name: (typeof USAGE_CSV_HEADER)[number]) => USAGE_CSV_HEADER.indexOf(name);
    expect(rows[1]![col('tag')]).toBe(`'=HYPERLINK("http://x")`);
    expect(rows[1]![col('model')]).toBe(`'+cmd`);
    expect(rows[1]![col('provider')]).toBe(`'@p`);
  });
});
