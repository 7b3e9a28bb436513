/**
 * The savings advisor on a seeded ledger (test/support/advisor-ledger.ts): one planted waste of each
 * kind, whose expected figures are computed by hand from the planted calls. Each must appear within
 * ±1%, nothing else may, and the same work done without waste gives no finding. Through the real
 * core (startCore) and its API; dismissals survive a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { advisorReport } from '../../electron/core/advisor/index.js';
import { startCore, type Core } from '../../electron/core/core.js';
import { quietCoreOptions } from '../support/quiet-core.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { FINDING_KINDS, type SavingsFinding } from '../../shared/api/contract-advisor.js';
import type { NewUsageRecord } from '../../shared/usage.js';
import { cleanLedger, plantedWaste } from '../support/advisor-ledger.js';
import { fillLedger } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const DAY = 86_400_000;
/** 1 November 2026, UTC; the report is made on 30 November at noon: the month looked at starts 31 October. */
const BASE = Date.UTC(2026, 10, 1);
const NOW = Date.UTC(2026, 10, 30, 12);

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

function start(dataDir: string): Promise<Core> {
  return startCore(quietCoreOptions(dataDir, { now: () => NOW }));
}

async function coreWith(records: NewUsageRecord[]): Promise<Core> {
  const dataDir = tempDir();
  fillLedger(dataDir, { usage: records });
  core = await start(dataDir);
  await core.api.updateSettings({ timezone: 'UTC' });
  return core;
}

function within1Percent(f: SavingsFinding | undefined, expectedUsd: number): void {
  expect(f, 'finding').toBeDefined();
  const expected = Math.round(expectedUsd * 1e9);
  expect(Math.abs(f!.monthlyNano - expected) / expected, `${f!.id}: ${f!.monthlyNano} vs ${expected}`).toBeLessThanOrEqual(0.01);
}

describe('savings advisor', () => {
  it('finds each planted waste, with the hand-computed monthly figure within 1%, and nothing else', async () => {
    const planted = plantedWaste(BASE);
    const c = await coreWith(planted.records);
    const report = await c.api.listFindings();
    expect(report.findings.map((f) => `${f.kind} ${f.tag}`).sort()).toEqual(FINDING_KINDS.map((k) => `${k} ${planted.expected[k].tag}`).sort());
    for (const kind of FINDING_KINDS) within1Percent(report.findings.find((f) => f.kind === kind), planted.expected[kind].usd);

    // Each finding carries its calls, its formula and what to change; largest first; the total adds up.
    for (const f of report.findings) {
      expect(f.evidence.calls).toBeGreaterThan(0);
      expect(f.evidence.callIds.length).toBe(Math.min(20, f.evidence.calls));
      expect(f.formula).toContain('$');
      expect(f.change.length).toBeGreaterThan(20);
    }
    const byKind = new Map(report.findings.map((f) => [f.kind, f]));
    expect(byKind.get('smaller-model')!.title).toContain('claude-haiku-4-5');
    expect(byKind.get('billed-failures')!.evidence.facts.join('\n')).toContain('10 of them made again within 2 minutes');
    expect(byKind.get('prompt-caching')!.change).toContain('cache_control');
    expect(report.findings.map((f) => f.monthlyNano)).toEqual([...report.findings.map((f) => f.monthlyNano)].sort((a, b) => b - a));
    expect(report.totalMonthlyNano).toBe(report.findings.reduce((s, f) => s + f.monthlyNano, 0));
    const evidence = await c.api.getUsage({ id: byKind.get('prompt-caching')!.evidence.callIds[0]! });
    expect(evidence?.record.tag).toBe('doc-qa');

    // The glance's line.
    const top = report.findings[0]!;
    expect((await c.api.getSummary()).advisor).toEqual({ findings: 6, totalMonthlyNano: report.totalMonthlyNano, top: { id: top.id, title: top.title, monthlyNano: top.monthlyNano } });
  });

  it('finds nothing on a ledger of the same work without waste', async () => {
    const c = await coreWith(cleanLedger(BASE));
    const report = await c.api.listFindings();
    expect(report.findings).toEqual([]);
    expect(report.totalMonthlyNano).toBe(0);
    expect((await c.api.getSummary()).advisor).toEqual({ findings: 0, totalMonthlyNano: 0, top: null });
  });

  it('keeps a dismissed finding hidden, across a restart of the core, until it is restored', async () => {
    const planted = plantedWaste(BASE).records.filter((r) => r.tag === 'doc-qa' || r.tag === 'agent');
    const c = await coreWith(planted);
    const before = await c.api.listFindings();
    expect(before.findings).toHaveLength(2);
    const target = before.findings.find((f) => f.kind === 'billed-failures')!;
    const after = await c.api.dismissFinding({ id: target.id });
    expect(after.findings.map((f) => f.id)).not.toContain(target.id);
    expect(after.dismissed).toBe(1);
    expect(after.totalMonthlyNano).toBe(before.totalMonthlyNano - target.monthlyNano);
    expect((await c.api.getSummary()).advisor?.findings).toBe(1);

    const dataDir = c.dataDir;
    await c.close();
    core = await start(dataDir);
    expect((await core.api.listFindings()).findings.map((f) => f.id)).not.toContain(target.id);
    const all = await core.api.listFindings({ includeDismissed: true });
    expect(all.findings.find((f) => f.id === target.id)?.dismissed).toBe(true);
    const restored = await core.api.restoreFinding({ id: target.id });
    expect(restored.findings.map((f) => f.id)).toContain(target.id);
    await expect(core.api.dismissFinding({} as never)).rejects.toThrow(/id is required/);
  });

  it('answers the glance without waiting for a pass, which runs off the engine thread and gives the same findings', async () => {
    // 40 copies of the planted month (about 40,000 calls): a pass takes a good part of a second or
    // more, far longer than a summary's round trip.
    const planted = plantedWaste(BASE).records;
    const records = Array.from({ length: 40 }, (_, k) => planted.map((r) => ({ ...r, time: r.time + k * 1_000 }))).flat();
    const c = await coreWith(records);
    // No report yet: the first summary starts a pass and answers at once, without the advisor's line;
    // the next ones answer while it runs (on the engine thread, they would queue behind it).
    expect((await c.api.getSummary()).advisor).toBeUndefined();
    expect((await c.api.getSummary()).advisor).toBeUndefined();
    let line = (await c.api.getSummary()).advisor;
    for (let i = 0; line === undefined && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 100));
      line = (await c.api.getSummary()).advisor;
    }
    // The same findings as the advisor made on this thread, from the same ledger.
    const db = openDatabase(c.dataDir);
    let inline;
    try {
      inline = advisorReport(db, NOW);
    } finally {
      db.close();
    }
    expect(inline.findings.length).toBeGreaterThan(2);
    const listed = await c.api.listFindings();
    expect(listed).toEqual(inline);
    const top = inline.findings[0]!;
    expect(line).toEqual({ findings: inline.findings.length, totalMonthlyNano: inline.totalMonthlyNano, top: { id: top.id, title: top.title, monthlyNano: top.monthlyNano } });
  });

  it('looks at the last 30 days only', async () => {
    const old = plantedWaste(BASE).records.map((r) => ({ ...r, time: r.time - 40 * DAY }));
    const c = await coreWith(old);
    expect((await c.api.listFindings()).findings).toEqual([]);
  });
});
