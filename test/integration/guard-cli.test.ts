/**
 * `tokentally guard status|resume|set` on a real ledger file: the settings it writes are the ones
 * the API reads, bad values are refused with the settings' own words, a paused tag (as an alarm
 * with auto-pause leaves it) is listed with the command that resumes it, and resumed.
 */
import { describe, expect, it } from 'vitest';
import type { GuardStatus } from '../../shared/api/contract-guard.js';
import { DEFAULT_GUARD_SETTINGS } from '../../shared/guard/guard-settings.js';
import { recordAlarm } from '../../electron/core/guard/guard-repo.js';
import { readSettings } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const guard = (dir: string, ...args: string[]) => runCliCaptured(['guard', ...args, '--data-dir', dir]);

describe('tokentally guard', () => {
  it('set: changes what it is given, keeps the rest, and refuses bad values in plain words', async () => {
    const dir = tempDir();
    const set = await guard(dir, 'set', '--floor', '2.50', '--multiplier', '20', '--repeat-count', '5', '--repeat-window', '120', '--auto-pause', 'agent', '--auto-pause', '*');
    expect(set).toMatchObject({ code: 0, stderr: '' });
    expect(set.stdout).toBe(
      "Loop guard on: an alarm above 20× a tag's usual busy hour and $2.50 an hour, or the same request 5 times within 120 s. Auto-pause: agent, every tag.\n",
    );
    const db = openDatabase(dir);
    expect(readSettings(db).settings.guard).toEqual({ enabled: true, multiplier: 20, floorUsdPerHour: 2.5, repeatCount: 5, repeatWindowSeconds: 120, autoPauseTags: ['agent', '*'] });
    db.close();

    expect((await guard(dir, 'set', '--no-auto-pause', '*', '--off')).stdout).toBe('Loop guard off.\n');
    const status = JSON.parse((await guard(dir, 'status', '--json')).stdout) as GuardStatus;
    expect(status.settings).toEqual({ enabled: false, multiplier: 20, floorUsdPerHour: 2.5, repeatCount: 5, repeatWindowSeconds: 120, autoPauseTags: ['agent'] });

    const bad = await guard(dir, 'set', '--multiplier', '1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('guard.multiplier must be a number from 2 to 1000, got 1');
    expect((await guard(dir, 'set', '--repeat-count', 'many')).stderr).toContain('--repeat-count takes a whole number');
    expect((await guard(dir, 'set', '--floor', '-1')).stderr).toContain('--floor cannot be negative');
    expect((await guard(dir, 'set', '--on', '--off')).stderr).toContain('--on and --off cannot go together');
    expect((await guard(dir, 'pause', 'x')).stderr).toContain('unknown action "pause"');
  });

  it('status lists a paused tag with the command that resumes it; resume lets it go, once', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const at = Date.UTC(2026, 11, 7, 9, 30);
    recordAlarm(db, { key: 'my agent', at, signal: 'rate', message: '"my agent" spent $9.00 in the last 15 minutes ($36.00 an hour), 12× its usual busy hour ($3.00)', pause: true });
    recordAlarm(db, { key: '', at: at + 1000, signal: 'repeat', message: 'untagged calls sent the same request 8 times in 2 minutes', pause: false });
    db.close();

    const text = (await guard(dir, 'status')).stdout;
    expect(text).toContain(
      `  my agent  since 2026-12-07T09:30:00.000Z: "my agent" spent $9.00 in the last 15 minutes ($36.00 an hour), 12× its usual busy hour ($3.00)  — tokentally guard resume 'my agent'`,
    );
    expect(text).toContain('2026-12-07T09:30:01.000Z  untagged calls sent the same request 8 times in 2 minutes\n');
    expect(text.startsWith(`Loop guard on: an alarm above ${DEFAULT_GUARD_SETTINGS.multiplier}× a tag's usual busy hour and $5.00 an hour`)).toBe(true);

    expect((await guard(dir, 'resume', '--untagged')).code).toBe(1); // alarmed, not paused
    expect(await guard(dir, 'resume', 'my agent')).toMatchObject({ code: 0, stdout: 'Resumed "my agent": its calls go through again (a running Tokentally notices within a second).\n' });
    const after = JSON.parse((await guard(dir, 'status', '--json')).stdout) as GuardStatus;
    expect(after.paused).toEqual([]);
    expect(after.alarms.map((a) => [a.tag, a.signal, a.paused])).toEqual([
      [null, 'repeat', false],
      ['my agent', 'rate', true],
    ]);
    const again = await guard(dir, 'resume', 'my agent');
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('"my agent" is not paused') });
    expect((await guard(dir, 'resume')).stderr).toContain('guard resume takes one TAG, or --untagged');
  });
});
