import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../shared/format.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();

function assistantLine(req: string, id: string, ts: string, output: number): string {
  return JSON.stringify({
    type: 'assistant',
    timestamp: ts,
    requestId: req,
    sessionId: 's',
    message: { id, model: 'claude-sonnet-4-5-20250929', content: [], usage: { input_tokens: 5000, output_tokens: output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 } },
  });
}

/** A Claude config folder with one session: two messages on 2025-10-01 (UTC), one copy twice, one line torn. */
function claudeConfig(): string {
  const config = tempDir();
  const dir = path.join(config, 'projects', '-home-dev-app');
  fs.mkdirSync(dir, { recursive: true });
  const a = assistantLine('req_1', 'msg_1', '2025-10-01T09:00:00.000Z', 2000);
  fs.writeFileSync(
    path.join(dir, 'session.jsonl'),
    [
      JSON.stringify({ type: 'user', timestamp: '2025-10-01T08:59:59.000Z', message: { role: 'user', content: 'hello' } }),
      a,
      a,
      a.slice(0, a.length - 20),
      assistantLine('req_2', 'msg_2', '2025-10-01T09:01:00.000Z', 1000),
    ].join('\n') + '\n',
  );
  return config;
}

describe('tokentally import claude-code', () => {
  it('imports a config folder once, says what it stored, and reads nothing new the second time', async () => {
    const config = claudeConfig();
    const data = tempDir();
    const run = await runCliCaptured(['import', 'claude-code', '--dir', config, '--data-dir', data]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Read 1 file(s)');
    expect(run.stdout).toContain(`from ${path.join(config, 'projects')}`);
    expect(run.stdout).toContain('Stored 2 new message(s), updated 0');
    expect(run.stdout).toContain('1 line(s) were not JSON');
    // Sonnet 4.5: 5,000 in / 2,000 out = $0.045, 5,000 in / 1,000 out = $0.03.
    expect(run.stdout).toMatch(/Claude Code usage in the ledger: 2 message\(s\), \$0\.075 at API prices, from 2025-10-01 to 2025-10-01\./);

    const again = await runCliCaptured(['import', 'claude-code', '--dir', path.join(config, 'projects'), '--json', '--data-dir', data]);
    expect(again.code).toBe(0);
    const result = JSON.parse(again.stdout);
    expect(result).toMatchObject({ filesRead: 0, bytesRead: 0, inserted: 0, updated: 0, errors: [], stored: { messages: 2, costNano: 75_000_000, unpriced: 0 } });
  });

  it('shows its progress on a terminal (files, MB, calls), then wipes the line before the result', async () => {
    const config = claudeConfig();
    const run = await runCliCaptured(['import', 'claude-code', '--dir', config, '--data-dir', tempDir()], { tty: true });
    expect(run.code).toBe(0);
    const size = fs.statSync(path.join(config, 'projects', '-home-dev-app', 'session.jsonl')).size;
    // One file: one progress line, rewritten in place, then cleared.
    expect(run.stderr).toBe(`\r\x1b[2KClaude Code: 1 of 1 file · ${formatBytes(size)} of ${formatBytes(size)} · 2 calls\r\x1b[2K`);
    expect(run.stdout).toContain('Stored 2 new message(s)');
  });

  it('reads the folders listed in CLAUDE_CONFIG_DIR, skipping those that do not exist', async () => {
    const config = claudeConfig();
    const missing = path.join(tempDir(), 'nothing-here');
    const data = tempDir();
    const run = await runCliCaptured(['import', 'claude-code', '--json', '--data-dir', data], { env: { CLAUDE_CONFIG_DIR: `${missing}, ${config}`, HOME: tempDir() } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ folders: [path.join(missing, 'projects'), path.join(config, 'projects')], inserted: 2 });
  });

  it('says plainly when there are no transcripts, and refuses what it cannot import', async () => {
    const home = tempDir();
    const run = await runCliCaptured(['import', 'claude-code', '--data-dir', tempDir()], { env: { HOME: home } });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`tokentally import: no Claude Code transcripts: ${path.join(home, '.config', 'claude', 'projects')}, ${path.join(home, '.claude', 'projects')} do not exist (pass --dir or set CLAUDE_CONFIG_DIR)\n`);
    const what = await runCliCaptured(['import', 'chatgpt', '--data-dir', tempDir()]);
    expect(what.code).toBe(2);
    expect(what.stderr).toContain('cannot import "chatgpt" (claude-code or codex or gemini)');
  });

  it('shows imported messages in the reports: requests as subscription / import, days split by billing', async () => {
    const data = tempDir();
    await runCliCaptured(['import', 'claude-code', '--dir', claudeConfig(), '--data-dir', data]);
    const requests = await runCliCaptured(['report', 'requests', '--json', '--tz', 'UTC', '--data-dir', data]);
    expect(requests.code).toBe(0);
    const lines = JSON.parse(requests.stdout).requests;
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ billing: 'subscription', source: 'import', provider: 'anthropic', model: 'claude-sonnet-4-5-20250929', inputTokens: 5000, outputTokens: 2000, costUsd: 0.045 });

    for (const kind of ['daily', 'monthly']) {
      const report = JSON.parse((await runCliCaptured(['report', kind, '--json', '--tz', 'UTC', '--data-dir', data])).stdout);
      expect(report.periods).toHaveLength(1);
      expect(report.periods[0]).toMatchObject({ period: kind === 'daily' ? '2025-10-01' : '2025-10', requests: 2, costUsd: 0.075, byBilling: { api: 0, batch: 0, subscription: 0.075 } });
      expect(report.totals.byBilling).toEqual({ api: 0, batch: 0, subscription: 0.075 });
    }
  });
});
