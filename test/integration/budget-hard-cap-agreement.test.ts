/**
 * One rule for "hard cap reached" (issue 14.7): `budget check`, the glance and the tray say a hard
 * budget is capped exactly when the proxy's gate would refuse an ordinary call for it. The case that
 * disagreed: a $0.02 hard cap, $0.0198 spent in three calls, $0.0002 left. The gate refuses the next
 * call (it may cost more than what is left) while spend is still below the cap.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { budgetPeriod } from '../../shared/budget/period.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { callThroughRig, DOLLAR, startRig, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const call = (r: CoreRig) => callThroughRig(r, 'sk-ant-api03-cap', 200);

function seedCalls(dir: string, costsUsd: number[]): void {
  const now = Date.now();
  const start = budgetPeriod(now, 1, 'UTC').startMs;
  fillLedger(dir, {
    usage: costsUsd.map((usd, i) => ({
      ...pricedRecord({ time: Math.max(start, now - 10_000) + i, model: 'claude-haiku-4-5', tokens: { inputTokens: 1000, outputTokens: 1000 } }),
      costNano: Math.round(usd * DOLLAR),
    })),
  });
}

async function check(dir: string): Promise<{ code: number; json: { status: string; budgets: { capReached: boolean; spentUsd: number }[] }; text: string }> {
  const run = await runCliCaptured(['budget', 'check', '--json', '--data-dir', dir]);
  const text = await runCliCaptured(['budget', 'check', '--data-dir', dir]);
  return { code: run.code, json: JSON.parse(run.stdout), text: text.stdout };
}

describe('budget check agrees with the gate', () => {
  it('$0.02 hard cap with $0.0198 spent: the gate refuses, check exits 4, the glance says calls are refused; lifted, all three say otherwise', async () => {
    const dir = tempDir();
    seedCalls(dir, [0.0066, 0.0066, 0.0066]);
    rig = await startRig(dir);
    const api = rig.core.api;
    await api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 0.02 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });

    // The gate: spend is below the cap, but a call may cost more than the $0.0002 left.
    const refused = await call(rig);
    expect(refused).toContain('hard monthly budget of $0.02');
    expect(refused).toContain('$0.0198 spent');

    const { code, json, text } = await check(dir);
    expect(json.budgets[0]).toMatchObject({ spentUsd: 0.0198, capReached: true });
    expect(json.status).toBe('hard');
    expect(code).toBe(4);
    expect(text).toContain('hard cap: calls are being refused');

    const summary = await api.getSummary();
    expect(summary.capRefusing).toBe(true);
    const statuses = await api.budgetStatuses();
    expect(statuses[0]!.capReached).toBe(true);

    // Lifted for an hour: the gate lets calls through, and nobody says they are refused.
    await api.liftCap();
    expect(await call(rig)).toBe('ok');
    expect((await api.getSummary()).capRefusing).toBe(false);
    expect((await check(dir)).code).not.toBe(4);
  });

  it('room for an ordinary call: all three say so and the gate admits it; once that call is in the ledger and overran the cap, all three refuse', async () => {
    const dir = tempDir();
    // Forty small calls of $0.0001: $0.004 spent of $0.02, an ordinary call costs $0.0001.
    seedCalls(dir, Array.from({ length: 40 }, () => 0.0001));
    rig = await startRig(dir);
    const api = rig.core.api;
    await api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 0.02 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });
    const before = await check(dir);
    expect(before.json.budgets[0]).toMatchObject({ spentUsd: 0.004, capReached: false });
    expect(before.code).not.toBe(4);
    expect((await api.getSummary()).capRefusing).toBe(false);
    expect(await call(rig)).toBe('ok');

    // The fake answers that call with the wire fixture's Sonnet usage ($0.03058): the spend passes
    // the cap. Asked before the writer commits it, each would still see $0.004 (this test used to
    // ask then, and failed whenever the commit came first); once it is in the ledger, all agree.
    await rig.core.settle();
    const after = await check(dir);
    expect(after.json.budgets[0]).toMatchObject({ spentUsd: 0.03458, capReached: true });
    expect(after.code).toBe(4);
    expect((await api.getSummary()).capRefusing).toBe(true);
    expect(await call(rig)).toContain('hard monthly budget of $0.02');
  });
});
