/**
 * The glance's figures come from one state of the ledger: its spend and its pace are separate
 * queries, and the writer thread commits proxied calls between them. Seen in a test before: a
 * glance whose spend was $0.004 while its pacing, read a moment later, had $0.0346 (the call just
 * committed), so it said the hard cap refused calls while its own spend left room.
 */
import { afterEach, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir.js';
import { callThroughRig, DOLLAR, startRig, type CoreRig } from './budget-core-fixtures.js';

const tempDir = useTempDirs();
let rig: CoreRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

it('while calls are being committed, every glance has the same spend in its figures and in its pacing', async () => {
  rig = await startRig(tempDir());
  const api = rig.core.api;
  await api.setBudget({ scope: 'overall', scopeValue: null, monthlyNano: 1000 * DOLLAR, hard: false, resetDay: 1, tz: 'UTC', alerts: [] });
  let calling = true;
  const calls = (async () => {
    let n = 0;
    // Four clients at a time: the writer commits every few milliseconds.
    while (calling || n < 40) {
      await Promise.all(Array.from({ length: 4 }, () => callThroughRig(rig!, 'sk-ant-api03-snapshot', 64)));
      n += 4;
    }
    return n;
  })();
  const seen: { spent: number; pacing: number | undefined }[] = [];
  for (let i = 0; i < 150; i++) {
    const s = await api.getSummary();
    seen.push({ spent: s.spentNano, pacing: s.pacing?.spentNano });
  }
  calling = false;
  const made = await calls;
  await rig.core.settle();
  const last = await api.getSummary();
  const disagreeing = seen.filter((g) => g.spent !== g.pacing);
  expect(disagreeing, `${disagreeing.length} of ${seen.length} glances disagreed`).toEqual([]);
  // The glances saw the spend grow (else the race was never run).
  expect(new Set(seen.map((g) => g.spent)).size).toBeGreaterThan(2);
  expect(last.spentNano).toBe(last.pacing?.spentNano);
  expect((await api.listUsage({})).total).toBe(made);
}, 60_000);
