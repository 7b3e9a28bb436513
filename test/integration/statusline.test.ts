/**
 * `tokentally statusline` as Claude Code runs it: a new process through the bin, Claude Code's
 * documented status-line JSON on stdin (code.claude.com/docs/en/statusline, checked 2026-12-07),
 * a real ledger in a data folder. The line is checked against figures worked out by hand from the
 * seeded calls and against the API of a core running on the same folder; the rate limits it
 * carries must land in the plan-window store.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/core.js';
import { insertUsage, openDatabase, upsertBudget } from '../../electron/core/ledger/index.js';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { formatUsd } from '../../shared/format.js';
import { DATABASE_FILE } from '../../electron/core/ledger/open-database.js';
import { recordToParams } from '../../electron/core/ledger/usage-row.js';
import { latestWindows } from '../../electron/core/windows/window-store.js';
import { ensureNodeBuilt, runBin } from '../support/built-cli.js';
import { fillLedger } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';

const tempDir = useTempDirs();
const USD = 1_000_000_000;
const DAY = 86_400_000;

let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
});

beforeAll(() => ensureNodeBuilt(), 120_000);

/** Claude Code's status-line input as its docs show it, rate limits included (v2.1.80+, subscribers). */
function claudeCodeInput(nowMs: number, extra: Record<string, unknown> = {}) {
  const now = Math.floor(nowMs / 1000);
  return {
    hook_event_name: 'Status',
    session_id: 'f3b9c7e2-1a4d-4e8b-9c2f-5d6e7f8a9b0c',
    transcript_path: '/home/dev/.claude/projects/-home-dev-app/f3b9c7e2.jsonl',
    cwd: '/home/dev/app',
    model: { id: 'claude-opus-4-1', display_name: 'Opus' },
    workspace: { current_dir: '/home/dev/app', project_dir: '/home/dev/app' },
    version: '2.1.90',
    output_style: { name: 'default' },
    cost: { total_cost_usd: 0.42, total_duration_ms: 180_000, total_api_duration_ms: 2_300, total_lines_added: 156, total_lines_removed: 23 },
    context_window: { total_input_tokens: 15_234, total_output_tokens: 4_521, context_window_size: 200_000, used_percentage: 8 },
    rate_limits: { five_hour: { used_percentage: 42, resets_at: now + 2 * 3600 }, seven_day: { used_percentage: 64, resets_at: now + 4 * 86_400 } },
    ...extra,
  };
}

/**
 * A ledger with a $310 monthly budget (UTC, resets on the 1st) and, today, $1.50 + $0.25 of API
 * calls and $3.00 of subscription use (never spend); $9.00 last month (another period).
 */
function seedLedger(dataDir: string, now: number): void {
  const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);
  fillLedger(dataDir, {
    budgets: [{ scope: 'overall', scopeValue: null, monthlyNano: 310 * USD, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] }],
    usage: [
      usage({ time: now - 2_000, costNano: 1.5 * USD }),
      usage({ time: now - 1_000, costNano: 0.25 * USD, tag: 'agent' }),
      usage({ time: now - 1_500, costNano: 3 * USD, billing: 'subscription', source: 'import' }),
      usage({ time: monthStart - DAY, costNano: 9 * USD }),
    ],
  });
}

/**
 * Today's allowance by hand: nothing was spent before today this month, so the budget over the
 * days left, today included ($310 / 25 days on December 7 = $12.40), shown to the nearest cent.
 */
function allowanceByHand(now: number): string {
  const d = new Date(now);
  const daysInMonth = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  const daysLeft = daysInMonth - d.getUTCDate() + 1;
  const cents = Math.round((310 * 100) / daysLeft);
  return `$${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

describe('tokentally statusline', () => {
  it('prints the session cost, today against the allowance and the tightest window, and stores the rate limits as plan-window readings', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const input = claudeCodeInput(now);

    const run = await runBin(['statusline', '--data-dir', dataDir], { input: JSON.stringify(input) });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const line = run.stdout;
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trimEnd().includes('\n')).toBe(false);
    const [session, today, window] = line.trimEnd().split(' | ');
    expect(session).toBe('$0.42 session');
    expect(today).toBe(`$1.75 of ${allowanceByHand(now)} today`);
    expect(window).toMatch(/^(5h 42%|7d 64%) · resets /);

    // Stored through the plan-window store: both windows, as the input gave them.
    const db = openDatabase(dataDir);
    try {
      const stored = latestWindows(db).map((w) => ({ provider: w.provider, window: w.window, source: w.source, used: w.used, resetsAt: w.resetsAt, minutes: w.windowMinutes }));
      expect(stored).toEqual([
        { provider: 'anthropic', window: '5h', source: 'statusline', used: 0.42, resetsAt: input.rate_limits.five_hour.resets_at * 1000, minutes: 300 },
        { provider: 'anthropic', window: '7d', source: 'statusline', used: 0.64, resetsAt: input.rate_limits.seven_day.resets_at * 1000, minutes: 10_080 },
      ]);
    } finally {
      db.close();
    }

    // The app's API on the same folder says the same: today's spend and allowance, the runway's tightest window.
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], env: { TOKENTALLY_NO_POLL: '1' } });
    const summary = await core.api.getSummary();
    expect(summary.todaySpentNano).toBe(1.75 * USD);
    const d = new Date(now);
    const daysLeft = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() - d.getUTCDate() + 1;
    expect(summary.todayAllowanceNano).toBe(Math.floor((310 * USD) / daysLeft));
    const tightest = (await core.api.listWindows()).runway.find((r) => r.kind === 'window' && !r.stale);
    expect(window).toBe(tightest?.short);
  });

  it('works beside a running app, and when the app holds the ledger to write, still prints the line and skips the snapshot', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], env: { TOKENTALLY_NO_POLL: '1' } });

    const first = await runBin(['statusline', '--json', '--data-dir', dataDir], { input: JSON.stringify(claudeCodeInput(now)) });
    expect(JSON.parse(first.stdout)).toMatchObject({ stored: 1, problem: null });
    await expect.poll(async () => (await core!.api.listWindows()).windows.map((w) => [w.window, w.used, w.source])).toEqual([
      ['5h', 0.42, 'statusline'],
      ['7d', 0.64, 'statusline'],
    ]);

    // Another writer holds the ledger (a long import, say): the line still comes, at once, without the snapshot.
    const writer = openDatabase(dataDir);
    try {
      writer.prepare('BEGIN IMMEDIATE').run();
      const later = claudeCodeInput(now, { rate_limits: { five_hour: { used_percentage: 55, resets_at: Math.floor(now / 1000) + 7200 } } });
      const started = Date.now();
      const busy = await runBin(['statusline', '--json', '--data-dir', dataDir], { input: JSON.stringify(later) });
      const took = Date.now() - started;
      const out = JSON.parse(busy.stdout);
      expect(out).toMatchObject({ stored: 0, problem: null });
      expect(out.line).toMatch(/^\$0\.42 session \| \$1\.75 of \$[\d.]+ today \| /);
      // The write waits 200 ms at most (STORE_BUSY_MS), not SQLite's usual 5 s.
      expect(took).toBeLessThan(5_000);
      writer.prepare('ROLLBACK').run();
    } finally {
      writer.close();
    }
    expect((await core.api.listWindows()).windows.find((w) => w.window === '5h')?.used).toBe(0.42);
  });

  it('stores no window whose figures are impossible (used -1% or 500%, a reset in year 5138 or in 1970), and still prints the line and exits 0', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const bad = [
      { five_hour: { used_percentage: -1, resets_at: 99999999999999 } },
      { five_hour: { used_percentage: 500, resets_at: Math.floor(now / 1000) + 3600 } },
      { five_hour: { used_percentage: 40, resets_at: 99999999999999 } },
      { seven_day: { used_percentage: 40, resets_at: 1 } },
    ];
    for (const rateLimits of bad) {
      const run = await runBin(['statusline', '--json', '--data-dir', dataDir], { input: JSON.stringify(claudeCodeInput(now, { rate_limits: rateLimits })) });
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ stored: 0, problem: null, line: `$0.42 session | $1.75 of ${allowanceByHand(now)} today` });
    }
    // The plain form, as Claude Code runs it: the line, exit 0.
    const plain = await runBin(['statusline', '--data-dir', dataDir], { input: '{"rate_limits":{"five_hour":{"used_percentage":-1,"resets_at":99999999999999}}}' });
    expect(plain).toMatchObject({ code: 0, stdout: `$1.75 of ${allowanceByHand(now)} today\n` });
    // One impossible window does not take the other with it.
    const mixed = claudeCodeInput(now, { rate_limits: { five_hour: { used_percentage: 42, resets_at: 99999999999999 }, seven_day: { used_percentage: 64, resets_at: Math.floor(now / 1000) + 86_400 } } });
    const run = await runBin(['statusline', '--json', '--data-dir', dataDir], { input: JSON.stringify(mixed) });
    expect(JSON.parse(run.stdout)).toMatchObject({ stored: 1 });
    const db = openDatabase(dataDir);
    try {
      expect(latestWindows(db).map((w) => [w.window, w.used])).toEqual([['7d', 0.64]]);
    } finally {
      db.close();
    }
  });

  it('without rate limits (an API-key user, an older Claude Code) stores nothing and shows the rest', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const { rate_limits: _none, ...input } = claudeCodeInput(now);
    const run = await runBin(['statusline', '--data-dir', dataDir], { input: JSON.stringify(input) });
    expect(run.stdout).toBe(`$0.42 session | $1.75 of ${allowanceByHand(now)} today\n`);
    const db = openDatabase(dataDir);
    try {
      expect(latestWindows(db)).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('with no ledger in the folder says so, creates none, and exits 0; input that is not JSON shows the ledger alone', async () => {
    const empty = tempDir();
    const run = await runBin(['statusline', '--data-dir', empty], { input: JSON.stringify(claudeCodeInput(Date.now())) });
    expect(run).toMatchObject({ code: 0, stdout: '$0.42 session | tokentally: no ledger yet\n' });
    expect(fs.existsSync(path.join(empty, DATABASE_FILE))).toBe(false);

    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const garbage = await runBin(['statusline', '--data-dir', dataDir], { input: '{"session_id": "abc", "cost": ' });
    expect(garbage).toMatchObject({ code: 0, stdout: `$1.75 of ${allowanceByHand(now)} today\n` });
  });

  it('stores the same figures once a minute: a repeat in the same minute writes nothing and prints the same line', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const input = JSON.stringify(claudeCodeInput(now));
    const run = async (text: string) => JSON.parse((await runBin(['statusline', '--json', '--data-dir', dataDir], { input: text })).stdout) as { line: string; stored: number };
    // Clear of a minute's end, so the runs fall in the same minute.
    if (Date.now() % 60_000 > 50_000) await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
    const first = await run(input);
    const again = await run(input);
    expect(first.stored).toBe(1);
    expect(again).toEqual({ ...first, stored: 0 });
    // Other figures are stored at once.
    const moved = await run(JSON.stringify(claudeCodeInput(now, { rate_limits: { five_hour: { used_percentage: 43, resets_at: Math.floor(now / 1000) + 7200 } } })));
    expect(moved.stored).toBe(1);
    const db = openDatabase(dataDir);
    try {
      expect(latestWindows(db).find((w) => w.window === '5h')?.used).toBe(0.43);
    } finally {
      db.close();
    }
  });

  it('counts the providers\' cost reports in the allowance, and without a budget reads the day in the settings\' zone, as the app does', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    seedLedger(dataDir, now);
    const d = new Date(now);
    const daysLeft = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate() - d.getUTCDate() + 1;
    const db = openDatabase(dataDir);
    try {
      // Yesterday (UTC): the ledger logged $1, the provider reports $40 (counted when yesterday is in this month).
      const yesterday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - 1);
      insertUsage(db, [usage({ time: yesterday + 3_600_000, costNano: 1 * USD })]);
      db.prepare(
        `INSERT INTO provider_usage (provider, kind, bucket_start, bucket_end, model, cost_nano, fetched_at) VALUES ('anthropic', 'cost', ?, ?, '', ?, ?)`,
      ).run(yesterday, yesterday + DAY, 40 * USD, yesterday + 2 * DAY);
    } finally {
      db.close();
    }
    const asTheAppSays = async () => {
      const summary = await core!.api.getSummary();
      const tightest = (await core!.api.listWindows()).runway.find((r) => r.kind === 'window' && !r.stale);
      const allowance = summary.todayAllowanceNano === null ? '' : ` of ${formatUsd(summary.todayAllowanceNano)}`;
      return { summary, line: `$0.42 session | ${formatUsd(summary.todaySpentNano)}${allowance} today | ${tightest?.short}\n` };
    };
    const input = JSON.stringify(claudeCodeInput(now));

    const withBudget = await runBin(['statusline', '--data-dir', dataDir], { input });
    core = await startCore({ dataDir, mode: 'headless', port: 0, importFolders: [], env: { TOKENTALLY_NO_POLL: '1' } });
    const app = await asTheAppSays();
    expect(withBudget.stdout).toBe(app.line);
    expect(app.summary.todayAllowanceNano).toBe(Math.floor(((d.getUTCDate() > 1 ? 270 : 310) * USD) / daysLeft));

    // Without a budget: today and the reset clock in the settings' zone (Kolkata, not the machine's UTC).
    await core.api.removeBudget({ scope: 'overall', scopeValue: null });
    await core.api.updateSettings({ timezone: 'Asia/Kolkata' });
    const withoutBudget = await runBin(['statusline', '--data-dir', dataDir], { input });
    expect(withoutBudget.stdout).toBe((await asTheAppSays()).line);
  });

  it('migrates a ledger of an earlier schema the app\'s way, then prints the line', async () => {
    const dataDir = tempDir();
    const now = Date.now();
    const old = openDatabase(dataDir, { migrations: MIGRATIONS.slice(0, -1) });
    try {
      upsertBudget(old, { scope: 'overall', scopeValue: null, monthlyNano: 310 * USD, hard: false, resetDay: 1, tz: 'UTC', alerts: [50, 75, 90] });
      // Written as that schema has it: only the columns it has (later migrations add some).
      const params = recordToParams(usage({ time: now - 2_000, costNano: 1.5 * USD })) as Record<string, unknown>;
      const has = new Set((old.prepare('PRAGMA table_info(usage)').all() as { name: string }[]).map((c) => c.name));
      const columns = Object.keys(params).filter((c) => has.has(c));
      old.prepare(`INSERT INTO usage (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(Object.fromEntries(columns.map((c) => [c, params[c]])));
    } finally {
      old.close();
    }
    const run = await runBin(['statusline', '--data-dir', dataDir], { input: JSON.stringify(claudeCodeInput(now)) });
    const [session, today, window] = run.stdout.trimEnd().split(' | ');
    expect([session, today]).toEqual(['$0.42 session', `$1.50 of ${allowanceByHand(now)} today`]);
    expect(window).toMatch(/^(5h 42%|7d 64%) · resets /);
    // Read as it is (openDatabase would migrate it itself).
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    } finally {
      db.close();
    }
  });

  it('refuses an unknown option with the usage (exit 2)', async () => {
    const run = await runBin(['statusline', '--frobnicate'], { input: '{}' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: tokentally statusline');
    expect(run.stdout).toBe('');
  });
});
