import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function seededLedger(): string {
  const dir = tempDir();
  const db = openDatabase(dir);
  insertUsage(db, [
    pricedRecord({ time: Date.parse('2026-11-02T09:00:00Z'), model: 'claude-sonnet-4-20250514', tokens: { inputTokens: 5000, outputTokens: 2000 } }),
    pricedRecord({ time: Date.parse('2026-11-02T23:30:00Z'), model: 'claude-3-5-haiku-20241022', tokens: { inputTokens: 2000, outputTokens: 500, cacheReadTokens: 1000 }, tag: 'agent' }),
    pricedRecord({ time: Date.parse('2026-11-03T10:00:00Z'), provider: 'openai', model: 'gpt-4o', tokens: { inputTokens: 1000, outputTokens: 100, reasoningTokens: 50 }, stream: true, ttftMs: 300 }),
    pricedRecord({ time: Date.parse('2026-11-03T11:00:00Z'), model: 'claude-sonnet-4-20250514', billing: 'subscription', tokens: { inputTokens: 10, cacheWrite1hTokens: 4000, outputTokens: 50 } }),
    pricedRecord({ time: Date.parse('2026-10-20T11:00:00Z'), model: 'totally-unknown-model', tokens: { inputTokens: 100, outputTokens: 100 } }),
  ]);
  db.close();
  return dir;
}

describe('tokentally report', () => {
  it('gives the documented daily JSON shape with exact sums', async () => {
    const dir = seededLedger();
    const run = await runCliCaptured(['report', 'daily', '--json', '--tz', 'UTC', '--data-dir', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.periods.map((p: { period: string }) => p.period)).toEqual(['2026-10-20', '2026-11-02', '2026-11-03']);
    const nov2 = report.periods[1];
    expect(Object.keys(nov2)).toEqual(expect.arrayContaining(['period', 'costUsd', 'inputTokens', 'cacheWriteTokens', 'cacheReadTokens', 'outputTokens', 'requests', 'unpriced', 'byModel']));
    // Sonnet 4: 5,000 in / 2,000 out = $0.045; Haiku 3.5: 2,000 in / 500 out = $0.0036 + 1,000 cache reads at $0.08/M.
    expect(nov2.costUsd).toBeCloseTo(0.045 + 0.0036 + 0.00008, 10);
    expect(nov2.requests).toBe(2);
    expect(nov2.inputTokens).toBe(7000);
    expect(nov2.cacheReadTokens).toBe(1000);
    expect(nov2.byModel).toHaveLength(2);
    expect(report.periods[0].unpriced).toBe(1);
    expect(report.periods[0].costUsd).toBeGreaterThan(0);
    expect(report.totals.requests).toBe(5);
  });

  it('reads days in the given zone', async () => {
    const dir = seededLedger();
    const run = await runCliCaptured(['report', 'daily', '--json', '--tz', 'Asia/Tokyo', '--since', '2026-11-01', '--data-dir', dir]);
    const report = JSON.parse(run.stdout);
    // 2026-11-02T23:30Z is Nov 3 in Tokyo.
    expect(report.periods.map((p: { period: string; requests: number }) => [p.period, p.requests])).toEqual([
      ['2026-11-02', 1],
      ['2026-11-03', 3],
    ]);
  });

  it('gives monthly periods and the requests list with disjoint token kinds', async () => {
    const dir = seededLedger();
    const monthly = JSON.parse((await runCliCaptured(['report', 'monthly', '--json', '--tz', 'UTC', '--data-dir', dir])).stdout);
    expect(monthly.periods.map((p: { period: string }) => p.period)).toEqual(['2026-10', '2026-11']);

    const run = await runCliCaptured(['report', 'requests', '--json', '--tz', 'UTC', '--since', '2026-11-03', '--data-dir', dir]);
    const { requests } = JSON.parse(run.stdout);
    expect(requests).toHaveLength(2);
    expect(Object.keys(requests[0]).sort()).toEqual(
      ['id', 'time', 'provider', 'model', 'billing', 'source', 'tag', 'status', 'stream', 'inputTokens', 'cacheWrite5mTokens', 'cacheWrite1hTokens', 'cacheReadTokens', 'outputTokens', 'reasoningTokens', 'costUsd', 'priced', 'latencyMs', 'ttftMs', 'webSearchRequests', 'webFetchRequests', 'serviceTier', 'speed', 'inferenceGeo', 'byok', 'project', 'sessionId'].sort(),
    );
    expect(requests[0]).toMatchObject({ provider: 'openai', model: 'gpt-4o', stream: true, outputTokens: 100, reasoningTokens: 50, ttftMs: 300 });
    expect(requests[1]).toMatchObject({ billing: 'subscription', cacheWrite1hTokens: 4000 });
    expect(new Date(requests[0].time).toISOString()).toBe('2026-11-03T10:00:00.000Z');
  });

  it('keeps working on a ledger holding a call dated in year 9999 (an older import, another device): left out of an open-ended report, with a note', async () => {
    const dir = seededLedger();
    const db = openDatabase(dir);
    insertUsage(db, [
      pricedRecord({ time: Date.parse('9999-12-31T23:00:00Z'), model: 'claude-sonnet-4-20250514', tokens: { inputTokens: 100, outputTokens: 10 } }),
      pricedRecord({ time: Date.parse('9999-06-01T00:00:00Z'), model: 'claude-sonnet-4-20250514', tokens: { inputTokens: 100, outputTokens: 10 } }),
    ]);
    db.close();
    for (const kind of ['daily', 'monthly']) {
      const json = await runCliCaptured(['report', kind, '--json', '--tz', 'UTC', '--data-dir', dir]);
      expect(json.stderr).toBe('');
      expect(json.code).toBe(0);
      const report = JSON.parse(json.stdout);
      expect(report.totals.requests).toBe(5);
      expect(report.leftOut).toEqual({ requests: 2, after: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      const table = await runCliCaptured(['report', kind, '--tz', 'America/New_York', '--data-dir', dir]);
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/Left out: 2 requests dated after \d{4}-\d{2}-\d{2} \(a clock set wrong\?\); --until 9999-12-31 includes them\./);
    }
    // Named, the last day there is can be reported.
    const named = await runCliCaptured(['report', 'daily', '--json', '--tz', 'UTC', '--since', '9999-12-01', '--until', '9999-12-31', '--data-dir', dir]);
    expect(named.stderr).toBe('');
    expect(JSON.parse(named.stdout)).toMatchObject({ periods: [{ period: '9999-12-31', requests: 1 }], totals: { requests: 1 } });
    expect(JSON.parse(named.stdout).leftOut).toBeUndefined();
    const requests = await runCliCaptured(['report', 'requests', '--json', '--tz', 'UTC', '--since', '9999-12-31', '--until', '9999-12-31', '--data-dir', dir]);
    expect(requests.code).toBe(0);
    expect(JSON.parse(requests.stdout).requests).toHaveLength(1);
  });

  it('prints a readable table by default', async () => {
    const dir = seededLedger();
    const run = await runCliCaptured(['report', 'daily', '--tz', 'UTC', '--data-dir', dir]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2026-11-02');
    expect(run.stdout).toMatch(/no known price/);
  });

  it('rejects wrong arguments with usage and exit 2', async () => {
    for (const argv of [['report'], ['report', 'weekly'], ['report', 'daily', '--since', '2026-13-01'], ['report', 'daily', '--tz', 'Mars/Base'], ['report', 'daily', '--bogus'], ['frobnicate'], []]) {
      const run = await runCliCaptured(argv, { env: { TOKENTALLY_DATA_DIR: tempDir() } });
      expect(run.code, argv.join(' ')).toBe(2);
      expect(run.stderr, argv.join(' ')).toMatch(/Usage: tokentally/);
    }
  });

  it('reports an unusable data directory in one line', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const run = await runCliCaptured(['report', 'daily', '--data-dir', file]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(file);
    expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it('refuses a ledger written by a newer version without touching it', async () => {
    const dir = seededLedger();
    const db = openDatabase(dir);
    db.pragma('user_version = 999');
    db.close();
    const before = fs.readFileSync(path.join(dir, 'tokentally.db'));
    const run = await runCliCaptured(['report', 'daily', '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/newer version of Tokentally/);
    expect(fs.readFileSync(path.join(dir, 'tokentally.db')).equals(before)).toBe(true);
  });
});

describe('tokentally prices', () => {
  it('prints the breakdown of a call', async () => {
    const run = await runCliCaptured(['prices', 'claude-sonnet-4', '--input', '5000', '--output', '2000', '--json'], { env: { TOKENTALLY_DATA_DIR: tempDir() } });
    expect(run.code).toBe(0);
    const b = JSON.parse(run.stdout);
    expect(b.totalNano).toBe(45_000_000);
    expect(b.priced).toBe(true);
    const table = await runCliCaptured(['prices', 'claude-sonnet-4', '--input', '5000', '--output', '2000', '--batch'], { env: { TOKENTALLY_DATA_DIR: tempDir() } });
    expect(table.stdout).toContain('0.0225');
  });

  it('flags an unknown model as unpriced, not $0', async () => {
    const run = await runCliCaptured(['prices', 'no-such-model-x', '--input', '1000', '--json'], { env: { TOKENTALLY_DATA_DIR: tempDir() } });
    const b = JSON.parse(run.stdout);
    expect(b.priced).toBe(false);
    expect(b.totalNano).toBeGreaterThan(0);
  });

  it('reads a count with thousands commas, and refuses a comma out of place (not 15 tokens for "1,5")', async () => {
    const env = { TOKENTALLY_DATA_DIR: tempDir() };
    const grouped = JSON.parse((await runCliCaptured(['prices', 'gpt-4o', '--input', '1,000,000', '--json'], { env })).stdout);
    expect(grouped.inputNano).toBe(2_500_000_000);
    const run = await runCliCaptured(['prices', 'gpt-4o', '--input', '1,5'], { env });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--input takes a whole number such as 5000 (a comma only separates thousands, as in 1,000), got "1,5"');
  });

  it("prices an unknown model's reasoning at least at its output rate, a 1-hour cache write at least at a 5-minute one (reviewer's command)", async () => {
    const env = { TOKENTALLY_DATA_DIR: tempDir() };
    const argv = ['prices', 'nonexistent-model-xyz', '--reasoning', '1000000', '--output', '1000000', '--cache-write', '1000000', '--cache-write-1h', '1000000'];
    const run = await runCliCaptured(argv, { env });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rate = (line: string) => Number(new RegExp(`^${line} +[\\d,]+ +\\$([\\d,.]+) `, 'm').exec(run.stdout)![1]!.replace(/,/g, ''));
    // Reasoning is billed as output: $600/MTok (o1-pro's output, the dearest in the data), not $3.
    expect(rate('Reasoning')).toBe(rate('Output'));
    expect(rate('Output')).toBe(600);
    expect(rate('Cache write 1h')).toBeGreaterThanOrEqual(rate('Cache write 5m'));
    expect(rate('Cache write 5m')).toBeGreaterThanOrEqual(rate('Input \\(uncached\\)'));
    expect(rate('Input \\(uncached\\)')).toBeGreaterThanOrEqual(rate('Cache read'));
    expect(run.stdout).toMatch(/^Reasoning +1,000,000 +\$600\.00 +\$600\.00$/m);
    expect(run.stdout).toContain('UNPRICED: "nonexistent-model-xyz" is not in the price data.');
    const b = JSON.parse((await runCliCaptured([...argv, '--json'], { env })).stdout);
    expect(b).toMatchObject({ priced: false, costSource: 'fallback', reasoningNano: b.outputNano });
    expect(b.cacheWrite1hNano).toBeGreaterThanOrEqual(b.cacheWrite5mNano);
  });

  it('rejects a non-number token count with exit 2', async () => {
    const run = await runCliCaptured(['prices', 'claude-sonnet-4', '--input', 'lots'], { env: { TOKENTALLY_DATA_DIR: tempDir() } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--input');
  });
});
