/**
 * `tokentally sync set DIR [--name NAME]` / `sync status [--json]` / `sync off`: share this
 * ledger with your other machines through a folder your sync engine (Syncthing, Dropbox, iCloud
 * Drive, OneDrive, a network share) keeps in step. The running app (or `serve`) publishes and
 * merges; these commands set the folder and say what came through.
 */
import path from 'node:path';
import { ApiError } from '../../../../shared/api/contract.js';
import { SYNC_DELAY_NOTE, type SyncStatus } from '../../../../shared/api/contract-sync.js';
import { formatCountOf } from '../../../../shared/format.js';
import { setSyncFolder, syncStatus } from '../../sync/sync-folder.js';
import { CliError, UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';

export const SYNC_SUBCOMMANDS = ['set', 'status', 'off'] as const;

const SYNC_USAGE = `Usage: tokentally sync set DIR [--name NAME] [--data-dir DIR]
       tokentally sync status [--json] [--data-dir DIR]
       tokentally sync off [--data-dir DIR]

Several machines, one budget: every installation writes its calls into DIR (a folder your sync
engine keeps in step: Syncthing, Dropbox, iCloud Drive, OneDrive, a network share) and adds the
other machines' calls to its own ledger. Budgets, plans and plan windows are shared the same way.
Keys and stored bodies never leave this machine. Tokentally (the app or serve) does the copying
while it runs.
  set DIR           share through DIR (an existing folder); --name NAME names this machine
  status            this machine, the others seen, what waits to be published, files skipped
  off               stop sharing (what was merged stays)
  --json            status as JSON: {folder, deviceId, deviceName, devices: [{deviceId, name, self,
                    rows, segments, lastSeenAt}], pendingRows, problems: [{path, problem, detail,
                    firstSeen, lastSeen}], lastError, lastPassAt}
  --data-dir DIR    where the ledger lives`;

export const syncCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { json: { type: 'boolean' }, name: { type: 'string' }, 'data-dir': { type: 'string' } },
    SYNC_USAGE,
  );
  if (values.help) {
    io.stdout.write(SYNC_USAGE + '\n');
    return 0;
  }
  const [action, dir, extra] = positionals;
  if (!action) throw new UsageError('sync needs one of: set, status, off', SYNC_USAGE);
  if (!(SYNC_SUBCOMMANDS as readonly string[]).includes(action)) throw new UsageError(`unknown sync command "${action}" (set, status, off)`, SYNC_USAGE);
  if (action === 'set') {
    if (!dir || extra !== undefined) throw new UsageError('sync set takes one folder', SYNC_USAGE);
    const status = await withLedger(values['data-dir'], io, { mustExist: false }, (db) => {
      try {
        setSyncFolder(db, path.resolve(dir), values.name);
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(err.message);
        throw err;
      }
      return syncStatus(db);
    });
    io.stdout.write(`Sharing through ${status.folder} as "${status.deviceName}". Tokentally publishes and merges while it runs.\n`);
    return 0;
  }
  if (dir !== undefined) throw new UsageError(`unexpected argument "${dir}"`, SYNC_USAGE);
  if (action === 'off') {
    await withLedger(values['data-dir'], io, { mustExist: true }, (db) => setSyncFolder(db, null));
    io.stdout.write('Sync is off. Calls merged from other machines stay in this ledger.\n');
    return 0;
  }
  const status = await withLedger(values['data-dir'], io, { mustExist: true }, (db) => syncStatus(db));
  io.stdout.write(values.json ? JSON.stringify(status) + '\n' : textStatus(status));
  return 0;
};

function textStatus(s: SyncStatus): string {
  if (s.folder === null) return `Sync is off (this machine: "${s.deviceName}", ${s.deviceId}). Turn it on with: tokentally sync set DIR\n`;
  const lines = [`Sync folder: ${s.folder}`, `This machine: "${s.deviceName}" (${s.deviceId})`, '', 'Devices:'];
  for (const d of s.devices) {
    const what = d.self ? `${formatCountOf(d.segments, 'segment')} published` : `${formatCountOf(d.segments, 'segment')} merged`;
    const seen = d.lastSeenAt === null ? '' : `, last wrote ${new Date(d.lastSeenAt).toISOString()}`;
    lines.push(`  ${d.name}${d.self ? ' (this machine)' : ''}: ${formatCountOf(d.rows, 'call')}, ${what}${seen}`);
  }
  lines.push('', `Waiting to be published: ${s.pendingRows}`);
  if (s.lastError) lines.push(`Last error: ${s.lastError}`);
  if (s.problems.length > 0) {
    lines.push('', `Skipped files (${s.problems.length}; retried on every pass):`);
    for (const p of s.problems) lines.push(`  ${p.problem}: ${p.path}`, `    ${p.detail}`);
  }
  lines.push('', SYNC_DELAY_NOTE);
  return lines.join('\n') + '\n';
}
