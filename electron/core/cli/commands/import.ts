import { formatBytes, formatUsd } from '../../../../shared/format.js';
import { importProgressText } from '../../../../shared/transcripts/progress-words.js';
import type { ImportProgress } from '../../../../shared/api/contract-subscriptions.js';
import { progressLine } from '../progress-line.js';
import { dayOf } from '../../../../shared/time/zoned.js';
import type { Db } from '../../ledger/open-database.js';
import { readSettings } from '../../ledger/index.js';
import type { PriceOverride } from '../../../../shared/api/contract.js';
import type { BillingMode } from '../../../../shared/usage.js';
import { claudeProjectFolders, loadFileStates, ONE_OFF_BATCH_BYTES, projectsFolderOf, runImportPass } from '../../sources/claude-code/index.js';
import { tuneForOneOffWrites } from '../../ledger/bulk-write.js';
import { startBackgroundCheckpoints } from '../../ledger/background-checkpoints.js';
import { CODEX_SOURCE, codexFoldersOf, codexSessionFolders, runCodexPass } from '../../sources/codex/index.js';
import { geminiProfile } from '../../../../shared/providers/gemini.js';
import { GEMINI_SOURCE, geminiBillingFrom, geminiFoldersOf, geminiSessionFolders, runGeminiPass } from '../../sources/gemini/index.js';
import { CliError, UsageError, type CliCommand } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';
import { usePriceDataOf } from './price-data.js';
import type { WindowSnapshot } from '../../../../shared/api/contract-windows.js';
import { recordWindowSnapshots } from '../../windows/window-store.js';

const IMPORT_USAGE = `Usage: tokentally import claude-code|codex|gemini [--dir DIR] [--json] [--data-dir DIR]

Reads local session logs once and stores each model call as subscription usage priced at API
rates. Only what is new since the last import is read.
  claude-code       Claude Code transcripts (projects/**/*.jsonl): Claude Pro/Max usage
  codex             Codex CLI sessions (sessions/**/rollout-*.jsonl): ChatGPT Plus/Pro usage
  gemini            Gemini CLI sessions (tmp/*/chats/session-*.jsonl): Google models; not
                    spend, unless TOKENTALLY_GEMINI_BILLING=api (Gemini CLI runs on an API key)
  --dir DIR         claude-code: a Claude config folder holding projects/, or a projects/ folder
                    (default: each folder in $CLAUDE_CONFIG_DIR, comma-separated, else
                    ~/.config/claude and ~/.claude)
                    codex: a Codex home holding sessions/, or a folder of session logs
                    (default: $CODEX_HOME, else ~/.codex)
                    gemini: a home holding .gemini/, a .gemini folder, its tmp/, or one
                    project's folder (default: $GEMINI_CLI_HOME/.gemini/tmp, else ~/.gemini/tmp)
  --json            what was stored, as JSON
  --data-dir DIR    where the ledger lives
"tokentally serve" and the app keep importing all three while they run.`;

export const importCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { dir: { type: 'string', multiple: true }, json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, IMPORT_USAGE);
  if (values.help) {
    io.stdout.write(IMPORT_USAGE + '\n');
    return 0;
  }
  const [what, extra] = positionals;
  if (!isSource(what)) throw new UsageError(what ? `cannot import "${what}" (${IMPORT_SOURCES.join(' or ')})` : `import what? ${IMPORT_SOURCES.join(' or ')}`, IMPORT_USAGE);
  if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`, IMPORT_USAGE);
  const source = SOURCES[what];
  const folders = values.dir?.length ? values.dir.flatMap(source.foldersOf) : source.defaultFolders(io.env);
  const billing = geminiBillingFrom(io.env);
  if (what === 'gemini' && billing.problem) throw new UsageError(billing.problem, IMPORT_USAGE);

  // Imported messages are priced with the list in force, as the running app would (a downloaded one included).
  usePriceDataOf(values['data-dir'], io);
  return withLedger(values['data-dir'], io, { mustExist: false }, async (db) => {
    const settings = readSettings(db).settings;
    tuneForOneOffWrites(db);
    // Long imports (a first import of a big history) say how far they are, on a terminal only.
    const progress = progressLine(io.stderr);
    const result = await source.run(db, folders, settings.priceOverrides, (p) => progress.update(importProgressText(p)), billing.billing);
    progress.done();
    if (result.existing.length === 0) {
      throw new CliError(`no ${source.logs}: ${folders.join(', ')} ${folders.length === 1 ? 'does' : 'do'} not exist (pass --dir or set ${source.envVar})`);
    }
    const stored = storedSummary(db, settings.timezone, source.provider);
    const { existing: _existing, dirs: _dirs, ...report } = result;
    if (values.json) {
      io.stdout.write(JSON.stringify({ ...report, stored }) + '\n');
    } else {
      const lines = [
        `Read ${result.filesRead} file(s), ${formatBytes(result.bytesRead)}, from ${result.existing.join(', ')} in ${result.durationMs} ms.`,
        `Stored ${result.inserted} new message(s), updated ${result.updated} with a more complete copy; ${result.skipped} usage line(s) were duplicates or not usage` +
          (result.badLines > 0 ? `; ${result.badLines} line(s) were not JSON or held impossible values (skipped).` : '.'),
        `${source.name} usage in the ledger: ${stored.messages} message(s), ${formatUsd(stored.costNano)} at API prices` +
          (stored.unpriced > 0 ? ` (${stored.unpriced} with an unknown model, estimated)` : '') +
          (stored.first ? `, from ${stored.first} to ${stored.last}.` : '.'),
      ];
      for (const e of result.errors) lines.push(`warning: ${e}`);
      io.stdout.write(lines.join('\n') + '\n');
    }
    return result.errors.length > 0 && result.filesRead === 0 && result.inserted === 0 ? 1 : 0;
  });
};

/** What each `import` argument reads, and how. */
const SOURCES = {
  'claude-code': {
    name: 'Claude Code',
    logs: 'Claude Code transcripts',
    provider: 'anthropic',
    envVar: 'CLAUDE_CONFIG_DIR',
    foldersOf: (dir: string) => [projectsFolderOf(dir)],
    defaultFolders: (env: NodeJS.ProcessEnv) => claudeProjectFolders(env),
    run: async (db: Db, folders: string[], overrides: readonly PriceOverride[], onProgress: (p: ImportProgress) => void) => {
      // Large batches: each is copied back from the WAL on another thread while the next is written.
      const checkpoints = startBackgroundCheckpoints(db);
      try {
        return await runImportPass({ db, folders, states: loadFileStates(db), now: Date.now, overrides, onProgress, batchBytes: ONE_OFF_BATCH_BYTES, parseWorkers: 2, afterWrite: checkpoints.request });
      } finally {
        await checkpoints.finish();
      }
    },
  },
  codex: {
    name: 'Codex',
    logs: 'Codex session logs',
    provider: 'openai',
    envVar: 'CODEX_HOME',
    foldersOf: codexFoldersOf,
    defaultFolders: (env: NodeJS.ProcessEnv) => codexSessionFolders(env),
    run: async (db: Db, folders: string[], overrides: readonly PriceOverride[], onProgress: (p: ImportProgress) => void) => {
      // The ChatGPT plan's windows the logs report, stored with the calls (see `tokentally windows`).
      const windows: WindowSnapshot[] = [];
      const result = await runCodexPass({ db, folders, states: loadFileStates(db, CODEX_SOURCE), carries: new Map(), now: Date.now, overrides, windowSnapshot: (s) => windows.push(s), onProgress });
      recordWindowSnapshots(db, windows);
      return result;
    },
  },
  gemini: {
    name: 'Gemini CLI',
    logs: 'Gemini CLI session logs',
    provider: geminiProfile.id,
    envVar: 'GEMINI_CLI_HOME',
    foldersOf: geminiFoldersOf,
    defaultFolders: (env: NodeJS.ProcessEnv) => geminiSessionFolders(env),
    run: (db: Db, folders: string[], overrides: readonly PriceOverride[], onProgress: (p: ImportProgress) => void, billing: BillingMode) =>
      runGeminiPass({ db, folders, states: loadFileStates(db, GEMINI_SOURCE), now: Date.now, overrides, billing, onProgress }),
  },
} as const;

/** What `import` can read: the main help lists these. */
export const IMPORT_SOURCES = Object.keys(SOURCES) as (keyof typeof SOURCES)[];

function isSource(what: string | undefined): what is keyof typeof SOURCES {
  return what !== undefined && Object.prototype.hasOwnProperty.call(SOURCES, what);
}

/** Everything the import has stored so far for one provider (this run and earlier ones); days in the settings' zone. */
function storedSummary(db: Db, tz: string, provider: string) {
  const row = db
    .prepare(
      "SELECT COUNT(*) AS messages, COALESCE(SUM(cost_nano), 0) AS costNano, COALESCE(SUM(1 - priced), 0) AS unpriced, MIN(time) AS first, MAX(time) AS last FROM usage WHERE source = 'import' AND provider = ?",
    )
    .get(provider) as { messages: number; costNano: number; unpriced: number; first: number | null; last: number | null };
  return {
    messages: row.messages,
    costNano: row.costNano,
    unpriced: row.unpriced,
    first: row.first === null ? null : dayOf(row.first, tz),
    last: row.last === null ? null : dayOf(row.last, tz),
  };
}

