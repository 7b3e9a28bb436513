/**
 * Projects and sessions of imported Claude Code and Codex usage (issue 15.2), through the real
 * importer (the CLI's `import`) into real SQLite files: each row's project and session as its
 * transcript says, grouping by project, and the backfill of rows stored before migration 14.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, usageGroups, type Db } from '../../electron/core/ledger/index.js';
import { MIGRATIONS } from '../../electron/core/ledger/migrations/index.js';
import { insertUsage } from '../../electron/core/ledger/usage-repo.js';
import { projectOf } from '../../shared/projects/project-of.js';
import { codexSessionLines, rolloutPath, writeLines, type CodexCallSpec } from '../support/codex-sessions.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';
import { generateTranscripts } from '../support/transcript-generator.js';

const tempDir = useTempDirs();

/** Two checkouts named "api" and one named "web": the same folder name must not merge projects. */
const DIRS = ['/home/dev/work/api', '/home/dev/old/api', '/home/dev/Projekte/wébsite'];

type Row = { external_id: string; project: string | null; project_name: string | null; session_id: string | null; cost_nano: number; source: string };
const rowsOf = (db: Db) => db.prepare('SELECT external_id, project, project_name, session_id, cost_nano, source FROM usage ORDER BY id').all() as Row[];

/** What an import leaves in the rollups: sums that must not move when project and session are filled in. */
function rollupSums(db: Db) {
  return db
    .prepare(
      `SELECT (SELECT SUM(cost_nano) FROM usage_rollup_month) AS month, (SELECT SUM(requests) FROM usage_rollup_day) AS day,
              (SELECT SUM(cost_nano) FROM usage_totals) AS totals, (SELECT SUM(cost_nano) FROM usage) AS rows`,
    )
    .get();
}

async function importCli(source: 'claude-code' | 'codex', dir: string, data: string) {
  const run = await runCliCaptured(['import', source, '--dir', dir, '--json', '--data-dir', data]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as { inserted: number; updated: number; filesRead: number };
}

function writeClaude(root: string) {
  return generateTranscripts(path.join(root, 'claude'), { seed: 5, projects: DIRS.length, sessionsPerProject: 2, turnsPerSession: 6, projectDir: (p) => DIRS[p]! });
}

const CODEX_A = '019a9776-0a34-7842-8627-112b63d66e90';
const CODEX_B = '019a9790-1111-7222-8333-944455556666';
const CALLS: CodexCallSpec[] = [
  { model: 'gpt-5-codex', input: 12_000, cached: 9_000, output: 800, reasoning: 300, at: '2025-11-20T10:00:01.000Z' },
  { model: 'gpt-5-codex', input: 14_000, cached: 12_000, output: 400, reasoning: 0, at: '2025-11-20T10:01:00.000Z' },
];

function writeCodex(home: string): void {
  writeLines(rolloutPath(home, CODEX_A, CALLS[0]!.at), codexSessionLines(CODEX_A, CALLS, { cwd: DIRS[0] }).lines);
  writeLines(rolloutPath(home, CODEX_B, CALLS[0]!.at), codexSessionLines(CODEX_B, CALLS.slice(1), { cwd: 'C:\\Users\\dev\\cli-tool\\' }).lines);
}

describe('projects and sessions of imported usage', () => {
  it('gives every imported Claude Code reply its project (working directory) and session, as the transcript says', async () => {
    const root = tempDir();
    const g = writeClaude(root);
    const data = tempDir();
    const report = await importCli('claude-code', g.projectsDir, data);
    expect(report.inserted).toBe(g.messages.size);
    const db = openDatabase(data);
    try {
      const rows = rowsOf(db);
      expect(rows).toHaveLength(g.messages.size);
      for (const row of rows) {
        const truth = g.messages.get(row.external_id)!;
        expect(row.project, row.external_id).toBe(truth.cwd);
        expect(row.project_name).toBe(projectOf(truth.cwd)!.name);
        expect(row.session_id).toBe(truth.sessionId);
      }
      // Three projects, two of them called "api".
      expect(new Set(rows.map((r) => r.project))).toEqual(new Set(DIRS));
      expect(new Set(rows.map((r) => r.project_name))).toEqual(new Set(['api', 'wébsite']));
    } finally {
      db.close();
    }
  });

  it('gives every Codex call its session and the working directory of its turn', async () => {
    const home = tempDir();
    writeCodex(home);
    const data = tempDir();
    await importCli('codex', home, data);
    const db = openDatabase(data);
    try {
      const rows = rowsOf(db).map((r) => [r.session_id, r.project, r.project_name]);
      expect(rows).toEqual([
        [CODEX_A, DIRS[0], 'api'],
        [CODEX_A, DIRS[0], 'api'],
        [CODEX_B, 'C:\\Users\\dev\\cli-tool', 'cli-tool'],
      ]);
    } finally {
      db.close();
    }
  });

  it('groups usage by project: each checkout apart, proxied calls as no project, sums equal to the rows', async () => {
    const root = tempDir();
    const g = writeClaude(root);
    const data = tempDir();
    await importCli('claude-code', g.projectsDir, data);
    const db = openDatabase(data);
    try {
      const proxied = pricedRecord({ time: Date.parse('2025-10-10T12:00:00Z'), model: 'claude-sonnet-4-5', tokens: { inputTokens: 1000, outputTokens: 500 } });
      insertUsage(db, [{ ...proxied, billing: 'api' }]);
      const report = usageGroups(db, { since: '2025-09-01', until: '2025-12-31', tz: 'UTC', groupBy: 'project', now: Date.parse('2025-12-31T00:00:00Z') });
      const byRows = db
        .prepare("SELECT project, COUNT(*) AS n, SUM(CASE WHEN billing = 'subscription' THEN cost_nano ELSE 0 END) AS plan, SUM(CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END) AS spend FROM usage GROUP BY project")
        .all() as { project: string | null; n: number; plan: number; spend: number }[];
      expect(report.groups).toHaveLength(DIRS.length + 1);
      for (const want of byRows) {
        const group = report.groups.find((x) => x.value === want.project)!;
        expect(group, String(want.project)).toBeDefined();
        expect(group).toMatchObject({ requests: want.n, subscriptionNano: want.plan, spendNano: want.spend });
        expect(group.series.reduce((s, b) => s + b.subscriptionNano, 0)).toBe(want.plan);
      }
      // The proxied call has no project: its spend is the null group's, and no project's plan usage is spend.
      expect(report.groups.find((x) => x.value === null)).toMatchObject({ requests: 1, subscriptionNano: 0 });
      expect(report.groups.filter((x) => x.value !== null).every((x) => x.spendNano === 0)).toBe(true);
    } finally {
      db.close();
    }
  });

  it('fills in project and session of rows stored before migration 14 from the transcripts still on disk, once, counting nothing twice', async () => {
    const root = tempDir();
    const g = writeClaude(root);
    const codexHome = tempDir();
    writeCodex(codexHome);

    // What an earlier version stored: the same rows and read offsets, in a ledger without migration 14.
    const current = tempDir();
    await importCli('claude-code', g.projectsDir, current);
    await importCli('codex', codexHome, current);
    const old = tempDir();
    const before = MIGRATIONS.filter((m) => m.version < 14);
    const oldDb = openDatabase(old, { migrations: before });
    const source = openDatabase(current);
    try {
      const columns = (oldDb.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('usage') as string[]).filter((c) => c !== 'id');
      expect(columns).not.toContain('project');
      const insert = oldDb.prepare(`INSERT INTO usage (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`);
      const files = oldDb.prepare('INSERT INTO import_files VALUES (@source, @path, @size, @mtime_ms, @identity, @read_offset, @usage_lines, @read_at)');
      oldDb.transaction(() => {
        for (const row of source.prepare(`SELECT ${columns.join(', ')} FROM usage ORDER BY id`).all()) insert.run(row);
        for (const row of source.prepare('SELECT * FROM import_files').all()) files.run(row);
      })();
    } finally {
      source.close();
      oldDb.close();
    }
    // One session's transcript has been deleted since: its rows cannot learn their project.
    const gone = g.files[0]!;
    const goneSession = path.basename(gone, '.jsonl');
    fs.rmSync(gone);

    let db = openDatabase(old);
    const sumsBefore = rollupSums(db);
    const count = rowsOf(db).length;
    expect(rowsOf(db).every((r) => r.project === null && r.session_id === null)).toBe(true);
    db.close();

    const claude = await importCli('claude-code', g.projectsDir, old);
    const codex = await importCli('codex', codexHome, old);
    // Read again from the start, stored again never.
    expect(claude).toMatchObject({ inserted: 0, updated: 0, filesRead: g.files.length - 1 });
    expect(codex).toMatchObject({ inserted: 0, updated: 0, filesRead: 2 });

    db = openDatabase(old);
    try {
      const rows = rowsOf(db);
      expect(rows).toHaveLength(count);
      expect(rollupSums(db)).toEqual(sumsBefore);
      const claudeRows = rows.filter((r) => !r.external_id.startsWith('codex:'));
      for (const row of claudeRows) {
        const truth = g.messages.get(row.external_id)!;
        if (truth.sessionId === goneSession) {
          expect(row).toMatchObject({ project: null, session_id: null });
        } else {
          expect(row).toMatchObject({ project: truth.cwd, project_name: projectOf(truth.cwd)!.name, session_id: truth.sessionId });
        }
      }
      expect(claudeRows.filter((r) => r.project === null).length).toBeGreaterThan(0);
      expect(rows.filter((r) => r.external_id.startsWith('codex:')).map((r) => r.session_id)).toEqual([CODEX_A, CODEX_A, CODEX_B]);
      // The offsets are at the files' ends again (the deleted one's stays rewound): the next pass reads nothing.
      const rewound = db.prepare("SELECT path FROM import_files WHERE read_offset <> size AND source IN ('claude-code', 'codex')").pluck().all();
      expect(rewound).toEqual([gone]);
    } finally {
      db.close();
    }

    const again = await importCli('claude-code', g.projectsDir, old);
    expect(again).toMatchObject({ inserted: 0, updated: 0, filesRead: 0 });
  });

  it('gives a Claude Code call made through the proxy the project and session of its transcript', async () => {
    const root = tempDir();
    const g = writeClaude(root);
    const [key, truth] = [...g.messages].find(([, m]) => !m.sidechain)!;
    const requestId = key.split(':')[0]!;
    const data = tempDir();
    const db = openDatabase(data);
    try {
      const proxied = pricedRecord({ time: truth.time, model: truth.model, tokens: { inputTokens: truth.input, outputTokens: truth.output } });
      insertUsage(db, [{ ...proxied, requestId, billing: 'subscription' }]);
    } finally {
      db.close();
    }
    await importCli('claude-code', g.projectsDir, data);
    const after = openDatabase(data);
    try {
      const row = after.prepare("SELECT project, session_id FROM usage WHERE source = 'proxy'").get();
      expect(row).toEqual({ project: truth.cwd, session_id: truth.sessionId });
    } finally {
      after.close();
    }
  });
});
