/** tokentally sync set / status / off, through the CLI entry as a user runs it. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { insertUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { mergeFolder } from '../../electron/core/sync/merge.js';
import { publishPending } from '../../electron/core/sync/publish.js';
import { runCliCaptured } from '../support/run-cli.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from './ledger-fixtures.js';

const tempDir = useTempDirs();

describe('tokentally sync', () => {
  it('set, status (text and JSON, with what was skipped), off', async () => {
    const a = tempDir();
    const b = tempDir();
    const folder = tempDir();
    expect((await runCliCaptured(['sync', 'set', folder, '--name', 'laptop', '--data-dir', a])).stdout).toMatch(/Sharing through .* as "laptop"/);
    expect((await runCliCaptured(['sync', 'set', folder, '--name', 'desktop', '--data-dir', b])).code).toBe(0);
    const dbA = openDatabase(a);
    insertUsage(dbA, [usage({ time: Date.now(), costNano: 5 }), usage({ time: Date.now(), costNano: 7 })]);
    publishPending(dbA, { now: Date.now(), tempDir: path.join(a, 'tmp') });
    dbA.close();
    // A sync engine's copy beside the segment.
    const aId = fs.readdirSync(path.join(folder, 'tokentally')).find((d) => fs.readdirSync(path.join(folder, 'tokentally', d)).length > 0)!;
    fs.copyFileSync(path.join(folder, 'tokentally', aId, '0000000001.ttseg'), path.join(folder, 'tokentally', aId, '0000000001 (conflicted copy 2026-12-07).ttseg'));
    const dbB = openDatabase(b);
    mergeFolder(dbB, { now: Date.now() });
    dbB.close();

    const text = await runCliCaptured(['sync', 'status', '--data-dir', b]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`Sync folder: ${folder}`);
    expect(text.stdout).toMatch(/laptop: 2 calls, 1 segment merged/);
    expect(text.stdout).toMatch(/desktop \(this machine\): 0 calls/);
    expect(text.stdout).toMatch(/conflicted-copy: .*conflicted copy 2026-12-07/);
    expect(text.stdout).toContain('hard cap');
    const json = JSON.parse((await runCliCaptured(['sync', 'status', '--json', '--data-dir', b])).stdout);
    expect(json).toMatchObject({ folder, deviceName: 'desktop', problems: [{ problem: 'conflicted-copy' }] });
    expect(json.devices).toHaveLength(2);

    expect((await runCliCaptured(['sync', 'off', '--data-dir', b])).stdout).toMatch(/Sync is off/);
    expect(JSON.parse((await runCliCaptured(['sync', 'status', '--json', '--data-dir', b])).stdout).folder).toBeNull();
  });

  it('refuses a folder that does not exist, a relative mistake, and unknown subcommands, in plain words', async () => {
    const dir = tempDir();
    const missing = await runCliCaptured(['sync', 'set', path.join(dir, 'nope'), '--data-dir', dir]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
    const file = path.join(dir, 'file.txt');
    fs.writeFileSync(file, 'x');
    expect((await runCliCaptured(['sync', 'set', file, '--data-dir', dir])).stderr).toMatch(/is a file, not a folder/);
    const unknown = await runCliCaptured(['sync', 'start', '--data-dir', dir]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown sync command "start"/);
    expect((await runCliCaptured(['sync', 'set', '--data-dir', dir])).code).toBe(2);
  });
});
