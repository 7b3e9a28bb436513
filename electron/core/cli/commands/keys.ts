import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type KeyInfo, type KeyKind, type Settings } from '../../../../shared/api/contract.js';
import { keyKindWarning, looksLikeApiKey, validateKeyText } from '../../../../shared/keys/mask-key.js';
import { normalizeProviderName } from '../../../../shared/keys/provider-name.js';
import { BUILT_IN_REGISTRY } from '../../../../shared/providers/index.js';
import { readSettings } from '../../ledger/index.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { defaultSettings } from '../../../../shared/settings.js';
import { resolveProviders } from '../../proxy/upstreams.js';
import { findKeyRef, setKeyLabel } from '../../secrets/key-labels.js';
import { resolveDataDir } from '../../paths.js';
import { createKeyfileCipher, MASTER_KEY_ENV, MASTER_KEY_FILE } from '../../secrets/keyfile-cipher.js';
import { KeyStore } from '../../secrets/key-store.js';
import { CliError, namedProvider, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { readSecret } from '../read-secret.js';
import { withLedger } from '../with-ledger.js';
import { errorMessage } from '../../../../shared/error-message.js';

const KEYS_USAGE = `Usage:
  tokentally keys set PROVIDER [--admin] [--data-dir DIR] [--label NAME]   store a key, read from stdin
  tokentally keys list [--json] [--data-dir DIR]            stored keys, masked, with their labels
  tokentally keys label KEY NAME [--data-dir DIR]           name a key (its fingerprint or current label); --clear removes the name
  tokentally keys rm PROVIDER [--admin] [--data-dir DIR]    remove a key

  PROVIDER   ${BUILT_IN_REGISTRY.ids().join(', ')} or a custom provider's name
  --admin    the provider's Admin key (usage and cost reports) instead of its API key
  --label    a name for the key ("work"), for budgets per key: tokentally budget set --key work …

The key is never taken from the command line (it would land in your shell history):
  pbpaste | tokentally keys set anthropic       or run it in a terminal and paste when asked.
Keys are encrypted with AES-256-GCM under DIR/${MASTER_KEY_FILE} (created with mode 0600),
or under ${MASTER_KEY_ENV} when set (64 hex digits, base64 of 32 bytes, or a passphrase).`;

/** The keys commands (aliases aside): the main help lists these. */
export const KEYS_SUBCOMMANDS = ['set', 'list', 'label', 'rm'] as const;

export const keysCommand: CliCommand = async (args, io) => {
  refuseKeyInArgv(args);
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') {
    io.stdout.write(KEYS_USAGE + '\n');
    return 0;
  }
  switch (sub) {
    case 'set':
      return setKey(rest, io);
    case 'list':
    case 'ls':
      return listKeys(rest, io);
    case 'rm':
    case 'remove':
      return removeKey(rest, io);
    case 'label':
      return labelKey(rest, io);
    default:
      throw new UsageError(sub ? `unknown keys command "${sub}" (set, list, label or rm)` : 'set, list, label or rm?', KEYS_USAGE);
  }
};

async function setKey(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { admin: { type: 'boolean' }, label: { type: 'string' }, 'data-dir': { type: 'string' } }, KEYS_USAGE);
  if (values.help) return printUsage(io);
  const named = providerArgument(positionals, 'set');
  const kind: KeyKind = values.admin ? 'admin' : 'api';
  // Checked before the key is asked for (a key filed under a typo would never be used), without
  // creating a ledger: where there is none yet, only the built-in providers exist.
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const provider = fs.existsSync(path.join(dataDir, DATABASE_FILE))
    ? await withLedger(dataDir, io, { mustExist: true }, (db) => knownProvider(readSettings(db).settings, io, named, kind))
    : knownProvider(defaultSettings('UTC'), io, named, kind);

  const raw = await readSecret(io, `Paste the key for ${provider} and press Enter:`);
  if (raw.trim() === '') {
    throw new CliError(`no key on stdin: pipe it in (pbpaste | tokentally keys set ${provider}) or run this in a terminal and paste it`);
  }
  const key = asCli(() => validateKeyText(raw));
  const warning = keyKindWarning(provider, kind, key);
  if (warning) io.stderr.write(`warning: ${warning}${kind === 'api' ? ' (use --admin)' : ''}\n`);

  return withLedger(values['data-dir'], io, { mustExist: false }, (db, dataDir) => {
    const store = new KeyStore(db, createKeyfileCipher(dataDir, io.env));
    const info = asCli(() => store.set({ provider, kind, key, label: values.label ?? null }));
    const status = store.status();
    if (status.warning) io.stderr.write(`warning: ${status.warning}\n`);
    const where = io.env[MASTER_KEY_ENV]?.trim() ? MASTER_KEY_ENV : path.join(dataDir, MASTER_KEY_FILE);
    io.stdout.write(`Stored the ${provider} ${kindLabel(kind)} ${info.hint}${info.label ? ` as "${info.label}"` : ''} (${info.keyRef}), encrypted with ${where}.\n`);
    return 0;
  });
}

async function listKeys(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, KEYS_USAGE);
  if (values.help) return printUsage(io);
  if (positionals.length > 0) throw new UsageError('keys list takes no arguments', KEYS_USAGE);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  // Listing must not create a ledger where there is none.
  const keys = fs.existsSync(path.join(dataDir, DATABASE_FILE))
    ? await withLedger(dataDir, io, { mustExist: true }, (db) => new KeyStore(db, createKeyfileCipher(dataDir, io.env)).list({ check: true }))
    : [];
  if (values.json) {
    const rows = keys.map((k) => ({
      provider: k.provider,
      kind: k.kind,
      hint: k.hint,
      label: k.label,
      keyRef: k.keyRef,
      updatedAt: new Date(k.updatedAt).toISOString(),
      readable: !k.problem,
      problem: k.problem ?? null,
    }));
    io.stdout.write(JSON.stringify({ keys: rows }) + '\n');
  } else {
    io.stdout.write(keys.length === 0 ? 'No keys stored. Add one with: tokentally keys set PROVIDER\n' : formatTable(keys));
    // The proxy forwards calls without a key it cannot read: say why, once, here.
    for (const k of keys) if (k.problem) io.stderr.write(`warning: the ${k.provider} ${kindLabel(k.kind)} cannot be read: ${k.problem}\n`);
  }
  return 0;
}

async function removeKey(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { admin: { type: 'boolean' }, 'data-dir': { type: 'string' } }, KEYS_USAGE);
  if (values.help) return printUsage(io);
  const named = providerArgument(positionals, 'rm');
  const kind: KeyKind = values.admin ? 'admin' : 'api';
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  // A typo is named as one (with the providers there are), not as "no key stored".
  const exists = fs.existsSync(path.join(dataDir, DATABASE_FILE));
  const settings = exists ? await withLedger(dataDir, io, { mustExist: true }, (db) => readSettings(db).settings) : defaultSettings('UTC');
  const provider = namedProvider(resolveProviders(settings, io.env).registry, named).id;
  const removed =
    exists &&
    (await withLedger(dataDir, io, { mustExist: true }, (db) => new KeyStore(db, createKeyfileCipher(dataDir, io.env)).remove(provider, kind)));
  if (!removed) throw new CliError(`no ${provider} ${kindLabel(kind)} is stored (see: tokentally keys list)`);
  io.stdout.write(`Removed the ${provider} ${kindLabel(kind)}.\n`);
  return 0;
}

async function labelKey(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { clear: { type: 'boolean' }, 'data-dir': { type: 'string' } }, KEYS_USAGE);
  if (values.help) return printUsage(io);
  const want = values.clear ? 1 : 2;
  if (positionals.length !== want) throw new UsageError(values.clear ? 'keys label KEY --clear' : 'keys label KEY NAME: the key (its fingerprint or label) and its new name', KEYS_USAGE);
  return withLedger(values['data-dir'], io, { mustExist: true }, (db) => {
    const ref = findKeyRef(db, positionals[0]!);
    if (ref === null) throw new CliError(`no key is called "${positionals[0]}"; give its fingerprint (key:…) as tokentally keys list shows it`);
    asCli(() => setKeyLabel(db, ref, values.clear ? null : positionals[1]!));
    io.stdout.write(values.clear ? `${ref} has no name now.\n` : `${ref} is now called "${positionals[1]!.trim()}".\n`);
    return 0;
  });
}

/** A provider Tokentally knows (built-in or added in Settings), with a key slot of this kind. */
function knownProvider(settings: Settings, io: CliIO, name: string, kind: KeyKind): string {
  const profile = namedProvider(resolveProviders(settings, io.env).registry, name);
  if (kind === 'admin' && profile.adminKey === null && profile.reports?.fallbackKind !== 'admin') {
    throw new CliError(`${profile.label} has no admin key: store its API key without --admin`);
  }
  return profile.id;
}

function providerArgument(positionals: string[], sub: string): string {
  if (positionals.length === 0) throw new UsageError(`keys ${sub} needs a PROVIDER (e.g. anthropic)`, KEYS_USAGE);
  if (positionals.length > 1) {
    throw new UsageError(`keys ${sub} takes one PROVIDER; the key itself is read from stdin, never from the command line`, KEYS_USAGE);
  }
  try {
    return normalizeProviderName(positionals[0]!);
  } catch (err) {
    throw new UsageError(errorMessage(err), KEYS_USAGE);
  }
}

/**
 * A key typed as an argument is already in the shell history; say so without repeating it, and
 * before the generic parser can quote it back in an error.
 */
function refuseKeyInArgv(args: string[]): void {
  if (args.some((arg) => looksLikeApiKey(arg.replace(/^-+/, '').replace(/^[a-z-]+=/, '')))) {
    throw new UsageError(
      'that looks like an API key on the command line; nothing was stored. Keys are read from stdin only. ' +
        'It may now be in your shell history: consider rotating it.',
      KEYS_USAGE,
    );
  }
}

function formatTable(keys: KeyInfo[]): string {
  const rows = [
    ['PROVIDER', 'KIND', 'KEY', 'UPDATED', 'LABEL', 'STATUS', 'FINGERPRINT'],
    ...keys.map((k) => [
      k.provider,
      k.kind,
      k.hint,
      new Date(k.updatedAt).toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
      k.label ?? '-',
      k.problem ? 'UNREADABLE' : 'ok',
      k.keyRef ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

function kindLabel(kind: KeyKind): string {
  return kind === 'admin' ? 'Admin key' : 'API key';
}

function printUsage(io: CliIO): number {
  io.stdout.write(KEYS_USAGE + '\n');
  return 0;
}

/** Key-store errors are the user's to act on: one line, no stack. */
function asCli<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(err.message);
    throw err;
  }
}
