/**
 * Parity with `ccusage codex daily` (the same pinned ccusage as the Claude Code parity test) on
 * generated Codex sessions: per day, the same uncached input, cached input, output and reasoning
 * tokens, and the same cost to within 1%. The sessions hold the traps of real logs: a token count
 * before the first call, repeated counts, model changes mid-session, and sessions written with
 * running totals only. Both tools bill reasoning inside output once; on these models the costs are
 * in fact equal to the micro-dollar.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dailySeries, openDatabase } from '../../electron/core/ledger/index.js';
import { CODEX_SOURCE, runCodexPass } from '../../electron/core/sources/codex/index.js';
import { loadFileStates } from '../../electron/core/sources/claude-code/index.js';
import { CCUSAGE_VERSION, ccusageCli } from '../support/ccusage-tool.js';
import { generateCodexHome } from '../support/codex-sessions.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const CCUSAGE_CLI = ccusageCli();

interface CcusageCodexDay {
  date: string;
  inputTokens: number;
  cacheReadTokens: number;
  outputTokens: number;
  reasoningOutputTokens: number;
  costUSD: number;
}

describe.skipIf(CCUSAGE_CLI === null)(`Codex parity with ccusage ${CCUSAGE_VERSION}`, () => {
  it('two weeks of generated sessions in New York days: equal daily tokens, equal costs', async () => {
    const home = tempDir();
    const g = generateCodexHome(home, { seed: 7, sessions: 12, calls: 30, firstDay: '2025-11-10', days: 14, models: ['gpt-5', 'gpt-5-codex', 'gpt-5.1-codex-max'] });
    const tz = 'America/New_York';
    const out = execFileSync(process.execPath, [CCUSAGE_CLI!, 'codex', 'daily', '--offline', '--json', '--timezone', tz], {
      env: { PATH: process.env.PATH, HOME: tempDir(), CODEX_HOME: home, TZ: tz, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const cc = (JSON.parse(out) as { daily: CcusageCodexDay[] }).daily;

    const db = openDatabase(tempDir());
    try {
      const result = await runCodexPass({ db, folders: [path.join(home, 'sessions')], states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides: [] });
      expect(result.errors).toEqual([]);
      expect(result.inserted).toBe(g.calls);
      const ours = dailySeries(db, { since: cc[0]!.date, until: cc.at(-1)!.date, tz }).filter((d) => d.requests > 0);
      expect(ours.map((d) => d.day)).toEqual(cc.map((d) => d.date));
      expect(ours.length).toBeGreaterThan(5);
      ours.forEach((day, i) => {
        const c = cc[i]!;
        expect({ day: day.day, input: day.inputTokens, cacheRead: day.cacheReadTokens, output: day.outputTokens + day.reasoningTokens, reasoning: day.reasoningTokens }).toEqual({
          day: c.date,
          input: c.inputTokens,
          cacheRead: c.cacheReadTokens,
          output: c.outputTokens,
          reasoning: c.reasoningOutputTokens,
        });
        const costUsd = day.costNano / 1e9;
        expect(Math.abs(costUsd - c.costUSD), day.day).toBeLessThanOrEqual(0.01 * c.costUSD);
        // In fact equal to the micro-dollar (ccusage sums floats): the price data agree on these models.
        expect(Math.abs(costUsd - c.costUSD), day.day).toBeLessThan(1e-6);
      });
    } finally {
      db.close();
    }
  });
});
