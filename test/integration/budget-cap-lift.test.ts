/**
 * Lifting the hard cap for an hour, through the real core: the proxy lets calls through while
 * lifted, the lift survives a restart, expires on its own, and "Restore the cap" ends it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { budgetPeriod } from '../../shared/budget/period.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { callThroughRig, DOLLAR, startRig, waitFor, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const call = (r: CoreRig) => callThroughRig(r, 'sk-ant-api03-lift', 50);

describe('lifting the hard cap', () => {
  it('refused at the cap; lifted for an hour (surviving a restart); refused again when it ends or is restored', async () => {
    const dir = tempDir();
    const clock = { now: Date.now() };
    const time = Math.max(budgetPeriod(clock.now, 1, 'UTC').startMs, clock.now - 1000);
    fillLedger(dir, { usage: [{ ...pricedRecord({ time, model: 'claude-haiku-4-5', tokens: { inputTokens: 1 } }), costNano: 5 * DOLLAR }] });
    rig = await startRig(dir, clock);
    const api = rig.core.api;
    await api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 5 * DOLLAR, hard: true, resetDay: 1, tz: 'UTC', alerts: [] });

    expect(await call(rig)).toContain('hard monthly budget of $5.00');
    let summary = await api.getSummary();
    expect(summary).toMatchObject({ hasHardCap: true, capLiftedUntil: null });
    // The cap's alert is the glance's alert while the cap refuses calls...
    await waitFor(() => rig!.events.some((e) => e.type === 'alert'), 'the cap alert');
    expect((await api.getSummary()).lastAlert).toMatchObject({ kind: 'cap', message: expect.stringContaining('calls are being refused') });

    const lifted = await api.liftCap();
    expect(lifted.liftedUntil).toBe(clock.now + 3_600_000);
    expect(rig.events.some((e) => e.type === 'budgets-changed')).toBe(true);
    expect(await call(rig)).toBe('ok');
    summary = await api.getSummary();
    expect(summary.capLiftedUntil).toBe(lifted.liftedUntil);
    // ...and not once it is lifted: "calls are being refused" would be false. The history keeps it.
    expect(summary.lastAlert).toBeNull();
    expect((await api.listAlerts()).map((a) => a.kind)).toContain('cap');

    await rig.restart();
    expect(await rig.core.api.getCapLift()).toEqual(lifted);
    expect(await call(rig)).toBe('ok');

    // An hour later the cap holds again by itself.
    clock.now += 3_600_001;
    expect(await rig.core.api.getCapLift()).toEqual({ liftedUntil: null });
    expect(await call(rig)).toContain('hard monthly budget');

    clock.now -= 1_800_000;
    expect((await rig.core.api.getCapLift()).liftedUntil).not.toBeNull();
    expect(await call(rig)).toBe('ok');
    expect(await rig.core.api.restoreCap()).toEqual({ liftedUntil: null });
    expect(await call(rig)).toContain('hard monthly budget');
    expect((await rig.core.api.getSummary()).lastAlert).toMatchObject({ kind: 'cap' });
    await waitFor(() => rig!.anthropic.requests.length === 3, 'the three lifted calls');
    expect(rig.anthropic.requests).toHaveLength(3);
  });
});
