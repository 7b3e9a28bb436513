/**
 * Several machines, one budget, through the real core (startCore, as the app and serve run it):
 * three installations in separate data folders, each with its own copy of the sync folder, a
 * simulated sync engine between the copies (late, half-copied, conflicted copies, out of order).
 * Calls go through each proxy with the official SDK; totals, budgets and the hard cap must agree.
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import type { Budget } from '../../shared/api/contract.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';
import { clearOfMidnight } from '../support/clear-of-midnight.js';
import { SimulatedSyncEngine } from '../support/sync-engine-sim.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

interface Machine {
  core: Core;
  view: string;
  name: string;
  client: Anthropic;
}

const running: Core[] = [];
let fake: FakeProvider | null = null;
afterEach(async () => {
  await Promise.all(running.splice(0).map((c) => c.close()));
  await fake?.close();
  fake = null;
});

async function machine(name: string, upstream: string): Promise<Machine> {
  const view = tempDir();
  const core = await startCore({
    dataDir: tempDir(),
    mode: 'headless',
    port: 0,
    env: { TOKENTALLY_UPSTREAM_ANTHROPIC: upstream, TOKENTALLY_NO_IMPORT: '1', TOKENTALLY_NO_POLL: '1', TOKENTALLY_SYNC_INTERVAL_MS: '100' },
  });
  running.push(core);
  await core.api.setSyncFolder({ folder: view, deviceName: name });
  const client = new Anthropic({ baseURL: `${core.urls.proxy}/anthropic`, apiKey: `sk-ant-api03-${name}`, maxRetries: 0 });
  return { core, view, name, client };
}

async function call(m: Machine): Promise<void> {
  await m.client.messages.create({ model: 'claude-sonnet-4-5', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] });
}

async function totals(m: Machine): Promise<{ calls: number; costNano: number }> {
  const page = await m.core.api.listUsage({ limit: 1 });
  return { calls: page.total ?? 0, costNano: page.totals?.costNano ?? 0 };
}

/** Lets the engine copy everything until every machine has `calls` calls. */
async function settle(engine: SimulatedSyncEngine, machines: Machine[], calls: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    engine.deliver();
    const all = await Promise.all(machines.map(totals));
    if (all.every((t) => t.calls === calls)) return;
    if (Date.now() > deadline) throw new Error(`machines did not settle at ${calls} calls: ${JSON.stringify(all)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('several machines, one budget (three cores, one sync folder)', () => {
  it('calls made on each appear on all, totals equal everywhere, each marked with its machine', async () => {
    // Its calls and its by-machine sums for "today" must fall on the same day.
    await clearOfMidnight(45_000);
    fake = await startFakeProvider('anthropic');
    const machines = await Promise.all(['laptop', 'desktop', 'buildbox'].map((n) => machine(n, fake!.url)));
    const [laptop, desktop, buildbox] = machines as [Machine, Machine, Machine];
    const engine = new SimulatedSyncEngine(machines.map((m) => m.view));
    await call(laptop);
    await call(laptop);
    await call(desktop);
    await call(buildbox);
    await call(buildbox);
    await call(buildbox);
    // The first copies arrive half-written and as conflicted copies: skipped, then taken once whole.
    await new Promise((r) => setTimeout(r, 400));
    engine.deliver({ mode: 'partial', reverse: true });
    engine.deliver({ conflictedCopy: true, only: (rel) => rel.endsWith('0000000001.ttseg') });
    await settle(engine, machines, 6);
    const all = await Promise.all(machines.map(totals));
    expect(new Set(all.map((t) => t.costNano)).size).toBe(1);
    expect(all[0]!.costNano).toBeGreaterThan(0);

    const status = await desktop.core.api.syncStatus();
    expect(status.devices.map((d) => [d.name, d.self, d.rows]).sort()).toEqual([
      ['buildbox', false, 3],
      ['desktop', true, 1],
      ['laptop', false, 2],
    ]);
    expect(status.problems.every((p) => p.problem === 'conflicted-copy')).toBe(true);
    expect(status.problems.length).toBeGreaterThan(0);
    const laptopId = (await laptop.core.api.syncStatus()).deviceId;
    const fromLaptop = await desktop.core.api.listUsage({ limit: 10 });
    expect(fromLaptop.records.filter((r) => r.device === laptopId)).toHaveLength(2);
    expect(fromLaptop.records.filter((r) => r.device === null)).toHaveLength(1);

    // Views per machine: the Requests filter, the Overview's by-machine sums, the glance's line.
    const onlyLaptop = await desktop.core.api.listUsage({ device: laptopId });
    expect(onlyLaptop.total).toBe(2);
    expect(onlyLaptop.records.every((r) => r.device === laptopId)).toBe(true);
    const onlyHere = await desktop.core.api.listUsage({ device: status.deviceId });
    expect(onlyHere.total).toBe(1);
    expect(onlyHere.records[0]!.device).toBeNull();
    const today = new Date().toISOString().slice(0, 10);
    const byDevice = await desktop.core.api.usageByDevice({ since: today, until: today, tz: 'UTC' });
    expect(byDevice.map((d) => [d.name, d.self, d.requests]).sort()).toEqual([
      ['buildbox', false, 3],
      ['desktop', true, 1],
      ['laptop', false, 2],
    ]);
    expect(byDevice.reduce((s, d) => s + d.costNano, 0)).toBe(all[1]!.costNano);
    const summary = await desktop.core.api.getSummary();
    expect(summary.thisDevice).toEqual({ name: 'desktop', todaySpentNano: byDevice.find((d) => d.self)!.spendNano });
    expect(summary.todaySpentNano).toBe(byDevice.reduce((s, d) => s + d.spendNano, 0));
  }, 135_000);

  it('a budget set on one machine applies on all, and its hard cap counts every machine\'s calls', async () => {
    fake = await startFakeProvider('anthropic');
    const machines = await Promise.all(['laptop', 'desktop'].map((n) => machine(n, fake!.url)));
    const [laptop, desktop] = machines as [Machine, Machine];
    const engine = new SimulatedSyncEngine(machines.map((m) => m.view));
    await call(laptop);
    await call(laptop);
    await settle(engine, machines, 2);
    const spent = (await totals(desktop)).costNano;
    // A cap just above what the laptop alone has spent, set on the laptop.
    const cap: Budget = { scope: 'overall', scopeValue: null, monthlyNano: spent + 1, hard: true, resetDay: 1, tz: 'UTC', alerts: [] };
    await laptop.core.api.setBudget(cap);
    const deadline = Date.now() + 20_000;
    while ((await desktop.core.api.listBudgets()).length === 0) {
      if (Date.now() > deadline) throw new Error('the budget never reached the desktop');
      engine.deliver();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await desktop.core.api.listBudgets()).toEqual([expect.objectContaining({ monthlyNano: spent + 1, hard: true })]);
    // The desktop has spent nothing itself; the laptop's spend, merged, puts it at the cap.
    await expect(call(desktop)).rejects.toThrow(/blocked by the hard monthly budget/);
    expect(spent).toBeGreaterThan(0);
  }, 90_000);
});
