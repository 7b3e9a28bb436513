/**
 * Parity with ccusage (the public Claude Code usage CLI, pinned at 20.0.24): on the same transcript
 * folder, our daily token totals equal `ccusage daily --offline --json` exactly, and daily costs
 * agree except where the price rules or data differ. Those differences are listed and pinned
 * below (second block), each on a day of its own:
 *
 * 1. Web search: Anthropic bills $10 per 1,000 searches (usage.server_tool_use.web_search_requests);
 *    we add it, ccusage does not. Per search: +$0.01 on our side.
 * 2. Long context (total input above 200K tokens): Anthropic bills the WHOLE request at the
 *    long-context rates (2× input, 1.5× output on Sonnet 4.5); we do. ccusage bills only the
 *    tokens of each kind beyond 200K at the higher rate, and never output: it is lower.
 * 3. Sonnet 4 (claude-sonnet-4-20250514) above 200K: ccusage's data has a long-context tier,
 *    genai-prices' (0.1.8) has none: we are lower there.
 * 4. Sonnet 4.6 before 2026-03-13: genai-prices has the long-context tier until that date,
 *    ccusage's data none at all: we are higher there (the same after that date).
 * And three token rules, none of which Claude Code's own transcripts trigger:
 * 5. A cache_creation split (5m/1h) of zeros beside a non-zero cache_creation_input_tokens: we
 *    count the total (at the 5m rate), ccusage the split (nothing).
 * 6. A reply with usage marked isApiErrorMessage, or of model "<synthetic>": not usage for us,
 *    ccusage counts its tokens (Claude Code writes such replies with zero usage).
 * 7. Copies of a message without a requestId (very old transcripts): we keep one per message id,
 *    ccusage counts every line.
 * Both tools keep one record per message id + request id, the copy with the most tokens, and
 * place it on the day of that copy's timestamp in the chosen zone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPeriodReport, dailySeries, openDatabase, type Db } from '../../electron/core/ledger/index.js';
import { loadFileStates, runImportPass } from '../../electron/core/sources/claude-code/index.js';
import { generateTranscripts } from '../support/transcript-generator.js';
import { useTempDirs } from '../support/temp-dir.js';
import { CCUSAGE_VERSION, ccusageCli } from '../support/ccusage-tool.js';

const tempDir = useTempDirs();
const NATIVE = `@ccusage/ccusage-${process.platform}-${process.arch}`;
// Installed on first use (see ccusage-tool.ts); null only where ccusage ships no build for this platform.
const CCUSAGE_CLI = ccusageCli();

interface CcusageDay {
  period: string;
  inputTokens: number;
  outputTokens: number;
  cacheCreationTokens: number;
  cacheReadTokens: number;
  totalCost: number;
}

/** ccusage on a Claude config folder, with nothing else of this machine in sight. */
function ccusageDaily(configDir: string, tz: string): CcusageDay[] {
  const home = tempDir();
  const out = execFileSync(process.execPath, [CCUSAGE_CLI!, 'daily', '--offline', '--json', '--timezone', tz], {
    env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), CLAUDE_CONFIG_DIR: configDir, TZ: tz, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const parsed = JSON.parse(out) as { daily: (CcusageDay & { metadata?: { agents?: string[] } })[] };
  for (const day of parsed.daily) expect(day.metadata?.agents ?? ['claude']).toEqual(['claude']);
  return parsed.daily;
}

async function ours(configDir: string, tz: string): Promise<{ db: Db; days: ReturnType<typeof buildPeriodReport>['periods'] }> {
  const db = openDatabase(tempDir());
  const result = await runImportPass({ db, folders: [path.join(configDir, 'projects')], states: loadFileStates(db), now: Date.now, overrides: [] });
  expect(result.errors).toEqual([]);
  return { db, days: buildPeriodReport(db, { granularity: 'daily', tz }).periods };
}

function webSearchesByDay(db: Db, since: string, until: string, tz: string): Map<string, number> {
  return new Map(dailySeries(db, { since, until, tz }).map((p) => [p.day, p.webSearchRequests]));
}

describe.skipIf(CCUSAGE_CLI === null)(`parity with ccusage ${CCUSAGE_VERSION} (${NATIVE})`, () => {
  it('a month of generated transcripts: equal daily tokens, costs equal but for web search', async () => {
    const config = path.join(tempDir(), 'claude');
    const g = generateTranscripts(config, { seed: 2025, projects: 4, sessionsPerProject: 4, turnsPerSession: 25, firstDay: '2025-10-01', days: 31 });
    // The traps are in the folder.
    for (const kind of ['partialCopies', 'resumedCopies', 'synthetic', 'apiError', 'tornUsage', 'sidechain'] as const) expect(g.lines[kind], kind).toBeGreaterThan(0);
    // New York: days do not match UTC days, so the zones must really line up.
    const tz = 'America/New_York';
    const cc = ccusageDaily(config, tz);
    const { db, days } = await ours(config, tz);
    expect(days.map((d) => d.period)).toEqual(cc.map((d) => d.period));
    expect(days.length).toBeGreaterThan(10);
    const searches = webSearchesByDay(db, days[0]!.period, days.at(-1)!.period, tz);
    let totalSearches = 0;
    days.forEach((day, i) => {
      const c = cc[i]!;
      expect({ day: day.period, input: day.inputTokens, output: day.outputTokens + day.reasoningTokens, cacheWrite: day.cacheWriteTokens, cacheRead: day.cacheReadTokens }).toEqual({
        day: c.period,
        input: c.inputTokens,
        output: c.outputTokens,
        cacheWrite: c.cacheCreationTokens,
        cacheRead: c.cacheReadTokens,
      });
      const search = searches.get(day.period) ?? 0;
      totalSearches += search;
      // Within 1% once web search is set aside; in fact equal to the micro-dollar (ccusage sums floats).
      const withoutSearch = day.costUsd - search * 0.01;
      expect(Math.abs(withoutSearch - c.totalCost), day.period).toBeLessThanOrEqual(0.01 * c.totalCost);
      expect(Math.abs(withoutSearch - c.totalCost), day.period).toBeLessThan(1e-6);
    });
    expect(totalSearches).toBeGreaterThan(0);
    db.close();
  });

  it('the documented differences, one a day', async () => {
    const config = tempDir();
    const dir = path.join(config, 'projects', 'p');
    fs.mkdirSync(dir, { recursive: true });
    let n = 0;
    const entry = (day: string, model: string, usage: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ type: 'assistant', timestamp: `${day}T12:00:00.000Z`, sessionId: 's', requestId: `req_${++n}`, message: { id: `msg_${n}`, model, content: [], usage }, ...extra });
    const longContext = { input_tokens: 10, cache_read_input_tokens: 250_000, output_tokens: 1000 };
    const sameId = { type: 'assistant', timestamp: '2025-10-07T12:00:00.000Z', sessionId: 's', message: { id: 'msg_old', model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 100, output_tokens: 100 } } };
    fs.writeFileSync(
      path.join(dir, 's.jsonl'),
      [
        entry('2025-10-01', 'claude-sonnet-4-5-20250929', { input_tokens: 1000, output_tokens: 1000, server_tool_use: { web_search_requests: 3 } }),
        entry('2025-10-02', 'claude-sonnet-4-5-20250929', longContext),
        entry('2025-10-03', 'claude-sonnet-4-20250514', longContext),
        entry('2025-10-04', 'claude-sonnet-4-6', longContext),
        entry('2026-04-04', 'claude-sonnet-4-6', longContext),
        entry('2025-10-05', 'claude-opus-4-5-20251101', { input_tokens: 1000, output_tokens: 1000, cache_creation_input_tokens: 1000, cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 } }),
        entry('2025-10-06', '<synthetic>', { input_tokens: 100, output_tokens: 100 }),
        entry('2025-10-06', 'claude-sonnet-4-5-20250929', { input_tokens: 7, output_tokens: 3 }, { isApiErrorMessage: true }),
        JSON.stringify(sameId),
        JSON.stringify({ ...sameId, timestamp: '2025-10-07T12:00:01.000Z' }),
      ].join('\n') + '\n',
    );
    const cc = new Map(ccusageDaily(config, 'UTC').map((d) => [d.period, d]));
    const { db, days } = await ours(config, 'UTC');
    const our = new Map(days.map((d) => [d.period, d]));
    const cost = (map: Map<string, { costUsd?: number; totalCost?: number }>, day: string) => map.get(day)?.costUsd ?? map.get(day)?.totalCost ?? 0;

    // 1. Web search: 3 searches, $0.03 more on our side.
    expect(cost(our, '2025-10-01') - cost(cc, '2025-10-01')).toBeCloseTo(0.03, 9);
    // 2. Sonnet 4.5, 250,010 input tokens: Anthropic's rule, the whole request at $6 / $22.50 / $0.60.
    expect(cost(our, '2025-10-02')).toBeCloseTo(10 * 6e-6 + 250_000 * 0.6e-6 + 1000 * 22.5e-6, 9);
    //    ccusage: the 50,000 cache reads beyond 200K at $0.60, the rest at base rates.
    expect(cost(cc, '2025-10-02')).toBeCloseTo(10 * 3e-6 + 200_000 * 0.3e-6 + 50_000 * 0.6e-6 + 1000 * 15e-6, 9);
    // 3. Sonnet 4: no tier in genai-prices' data; ours adds Anthropic's (shared/pricing/price-rules.ts), as in 2.
    expect(cost(our, '2025-10-03')).toBeCloseTo(10 * 6e-6 + 250_000 * 0.6e-6 + 1000 * 22.5e-6, 9);
    expect(cost(cc, '2025-10-03')).toBeCloseTo(cost(cc, '2025-10-02'), 9);
    // 4. Sonnet 4.6: tiered in genai-prices until 2026-03-13, never in ccusage's data.
    expect(cost(our, '2025-10-04')).toBeCloseTo(cost(our, '2025-10-02'), 9);
    expect(cost(cc, '2025-10-04')).toBeCloseTo(10 * 3e-6 + 250_000 * 0.3e-6 + 1000 * 15e-6, 9);
    expect(cost(our, '2026-04-04')).toBeCloseTo(cost(cc, '2026-04-04'), 9);
    // 5. A split of zeros beside a total of 1,000 cache writes.
    expect([our.get('2025-10-05')!.cacheWriteTokens, cc.get('2025-10-05')!.cacheCreationTokens]).toEqual([1000, 0]);
    // 6. Synthetic and API-error replies: nothing for us, their tokens for ccusage.
    expect(our.has('2025-10-06')).toBe(false);
    expect([cc.get('2025-10-06')!.inputTokens, cc.get('2025-10-06')!.outputTokens]).toEqual([107, 103]);
    // 7. Two copies of one message without a request id: one for us, two for ccusage.
    expect([our.get('2025-10-07')!.inputTokens, cc.get('2025-10-07')!.inputTokens]).toEqual([100, 200]);
    // Everything else agrees: tokens on days 1 to 4.
    for (const day of ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2026-04-04']) {
      const o = our.get(day)!;
      const c = cc.get(day)!;
      expect([o.inputTokens, o.outputTokens, o.cacheReadTokens, o.cacheWriteTokens]).toEqual([c.inputTokens, c.outputTokens, c.cacheReadTokens, c.cacheCreationTokens]);
    }
    db.close();
  });
});
