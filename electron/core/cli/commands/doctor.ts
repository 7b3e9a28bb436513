import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE, type Db } from '../../ledger/open-database.js';
import { checkHeader, damageAdvice, fullCheck, quickCheck, type HealthProblem } from '../../ledger/ledger-health.js';
import { runningOwner } from '../../ledger/ledger-owner.js';
import { repairLedger, type RepairResult } from '../../ledger/ledger-repair.js';
import { resolveDataDir } from '../../paths.js';
import { formatCount } from '../../../../shared/format.js';
import { CliError, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { errorMessage } from '../../../../shared/error-message.js';

const DOCTOR_USAGE = `Usage: tokentally doctor [--full] [--repair] [--json] [--data-dir DIR]

Checks the ledger (tokentally.db) for damage.
  (no flag)   the quick check every start runs: the file header, the schema, the first and last rows
              of every table and a probe write that is rolled back (milliseconds, whatever the size)
  --full      also read every page (SQLite's integrity_check: a minute or more on a large ledger)
  --repair    for a damaged ledger: keep it aside as tokentally.db.damaged-<time>, start a new one
              carrying over your keys, budgets, settings and every call that can still be read; on its
              next start Tokentally imports the Claude Code, Codex and Gemini CLI logs and polls the
              providers' reports again. Stop the app and tokentally serve first.
  --json      the findings as JSON
Exits 0 when the ledger is sound (or was repaired), 1 when damage was found.`;

export const doctorCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(
    args,
    { full: { type: 'boolean' }, repair: { type: 'boolean' }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } },
    DOCTOR_USAGE,
  );
  if (values.help) {
    io.stdout.write(DOCTOR_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, DOCTOR_USAGE);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file)) throw new CliError(`no Tokentally ledger in ${dataDir} (pass --data-dir or set TOKENTALLY_DATA_DIR)`);

  // A repair reads every page first: the quick check may pass a ledger damaged in an old page.
  const full = Boolean(values.full || values.repair);
  const problems = examine(file, full);
  if (!values.repair || problems.length === 0) {
    report(io, file, problems, full, Boolean(values.json), Boolean(values.repair));
    return problems.length === 0 ? 0 : 1;
  }
  // A core running on the ledger would go on writing to the file the repair sets aside.
  const owner = runningOwner(dataDir);
  if (owner !== null) {
    report(io, file, problems, full, Boolean(values.json), false);
    throw new CliError(`Tokentally (pid ${owner}) is running on this ledger: quit the app or stop \`tokentally serve\` first, then repair (a repair under it would lose every call it records after)`);
  }
  let result: RepairResult;
  try {
    result = repairLedger(dataDir, new Date());
  } catch (err) {
    throw new CliError(`the repair could not start a new ledger, so nothing was changed: ${errorMessage(err)}`);
  }
  reportRepair(io, file, problems, result, Boolean(values.json));
  return 0;
};

/**
 * The quick check (and with `full`, integrity_check), on the file as it is: opened without the
 * start's own check and without migrating it (a damaged file is read, never upgraded).
 */
function examine(file: string, full: boolean): HealthProblem[] {
  const header = checkHeader(file);
  let db: Db;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (err) {
    return [header ?? { where: 'opening it', message: errorMessage(err) }];
  }
  try {
    const quick = header ? [header] : quickCheck(db, file, { probeWrite: true });
    return full ? [...quick, ...fullCheck(db)] : quick;
  } finally {
    db.close();
  }
}

function report(io: CliIO, file: string, problems: HealthProblem[], full: boolean, json: boolean, repairAsked: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify({ file, checked: full ? 'full' : 'quick', healthy: problems.length === 0, problems }) + '\n');
    return;
  }
  if (problems.length === 0) {
    const size = fs.statSync(file).size;
    io.stdout.write(
      full
        ? `The ledger ${file} is sound: every page was read (integrity_check) and a probe write succeeded.${repairAsked ? ' Nothing to repair.' : ''}\n`
        : `The ledger ${file} looks sound: its header, schema, the first and last rows of every table and a probe write (rolled back).\n` +
            `Run tokentally doctor --full to read all ${formatMb(size)}.\n`,
    );
    return;
  }
  const lines = problems.slice(0, 20).map((p) => `  - ${p.where}: ${p.message}`);
  if (problems.length > 20) lines.push(`  … and ${problems.length - 20} more`);
  io.stdout.write(`The ledger ${file} is damaged:\n${lines.join('\n')}\n${damageAdvice(path.dirname(file), { checkedFully: full })}\n`);
}

function reportRepair(io: CliIO, file: string, problems: HealthProblem[], result: RepairResult, json: boolean): void {
  if (json) {
    io.stdout.write(JSON.stringify({ file, problems, repaired: true, keptAside: result.keptAside, tables: result.tables, reRead: result.reRead }) + '\n');
    return;
  }
  const lines = [`The ledger ${file} was damaged (${problems.length} problem${problems.length === 1 ? '' : 's'}); a new one is in its place.`];
  lines.push(`The damaged file is kept as ${result.keptAside}: delete it once you are satisfied.`);
  lines.push('Carried over:');
  for (const t of result.tables) {
    if (t.copied === 0 && t.unreadableRanges === 0 && t.error === null) continue;
    const lost = t.unreadableRanges > 0 ? `; ${t.unreadableRanges} damaged range${t.unreadableRanges === 1 ? '' : 's'} of rows could not be read` : '';
    const failed = t.error !== null && t.unreadableRanges === 0 ? `; could not be read: ${t.error}` : '';
    lines.push(`  ${t.table}: ${formatCount(t.copied)} row${t.copied === 1 ? '' : 's'}${lost}${failed}`);
  }
  lines.push(`Read again on the next start: the Claude Code, Codex and Gemini CLI logs (calls they still hold come back) and the providers' reports.`);
  io.stdout.write(lines.join('\n') + '\n');
}

function formatMb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
