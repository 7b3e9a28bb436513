import { nanoToUsd } from '../../../../shared/money.js';
import { normalizeProviderName } from '../../../../shared/keys/provider-name.js';
import { formatUsd } from '../../../../shared/format.js';
import { readSettings } from '../../ledger/index.js';
import { pollProvider, POLLERS, resolvePolled, type PollDeps, type PollOutcome } from '../../pollers/index.js';
import { resolveProviders } from '../../proxy/upstreams.js';
import { BUILT_IN_REGISTRY, unknownProvider, type ProviderProfile } from '../../../../shared/providers/index.js';
import { settleMs } from '../../reconcile/index.js';
import { createKeyfileCipher } from '../../secrets/keyfile-cipher.js';
import { KeyStore } from '../../secrets/key-store.js';
import { CliError, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';
import { balanceLine } from './provider-json.js';
import { errorMessage } from '../../../../shared/error-message.js';

const POLL_USAGE = `Usage: tokentally poll [PROVIDER] [--json] [--data-dir DIR]

Reads the providers' own reports once, now, with the stored keys, and stores them:
${BUILT_IN_REGISTRY.polled()
  .map((p) => `  ${p.id.padEnd(11)} ${p.reports!.reads} (${keyNeeded(p)})`)
  .join('\n')}
Without PROVIDER: every provider that has a key. Each provider is polled at most once a minute.
Base URLs follow the upstream settings and TOKENTALLY_UPSTREAM_<NAME>.

  --json           one JSON object: {"providers":[{"provider","status","message",...}]}
  --data-dir DIR   where the ledger lives`;

function keyNeeded(p: ProviderProfile): string {
  const main = p.reports!.keyKind === 'admin' ? `${p.adminKey?.label ?? 'Admin key'}: tokentally keys set ${p.id} --admin` : 'API key';
  const fallback = p.reports!.fallbackKind === 'admin' && p.adminKey ? `; or a ${p.adminKey.label.toLowerCase()}: tokentally keys set ${p.id} --admin` : '';
  return main + fallback;
}

const DAY_MS = 86_400_000;

export const pollCommand: CliCommand = async (args, io) => {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, POLL_USAGE);
  if (values.help) {
    io.stdout.write(POLL_USAGE + '\n');
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`poll takes at most one PROVIDER, got ${positionals.length}`, POLL_USAGE);

  return withLedger(values['data-dir'], io, { mustExist: false }, async (db, dataDir) => {
    const keyStore = new KeyStore(db, createKeyfileCipher(dataDir, io.env));
    const providers = resolveProviders(readSettings(db).settings, io.env);
    const polled = providers.registry.polled().map((p) => p.id).filter((id) => POLLERS.has(id));
    const only = positionals[0] === undefined ? undefined : providerArgument(positionals[0], polled, providers.registry.ids());
    const deps: PollDeps = {
      db,
      getKey: (provider, kind) => keyStore.get(provider, kind),
      resolve: (provider) => resolvePolled(providers, provider),
      fetch: globalThis.fetch,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    const outcomes: PollOutcome[] = [];
    for (const provider of only ? [only] : polled) {
      const outcome = await pollProvider(deps, provider);
      // Without a PROVIDER, providers without a key are simply not polled.
      if (outcome.status === 'no-key' && !only) continue;
      outcomes.push(outcome);
    }
    if (outcomes.length === 0) {
      throw new CliError('nothing to poll: no provider keys are stored (e.g. tokentally keys set anthropic --admin; see tokentally poll --help)');
    }
    if (values.json) io.stdout.write(JSON.stringify({ providers: outcomes.map(outcomeJson) }) + '\n');
    else printOutcomes(io, outcomes);
    return outcomes.some((o) => o.status === 'failed' || o.status === 'no-key') ? 1 : 0;
  });
};

function providerArgument(text: string, polled: readonly string[], known: readonly string[]): string {
  let name: string;
  try {
    name = normalizeProviderName(text);
  } catch (err) {
    throw new UsageError(errorMessage(err), POLL_USAGE);
  }
  if (!known.includes(name)) throw new UsageError(unknownProvider(text, known), POLL_USAGE);
  if (!polled.includes(name)) throw new UsageError(`Tokentally polls ${polled.join(', ')}; not "${name}"`, POLL_USAGE);
  return name;
}

function outcomeJson(o: PollOutcome) {
  if (o.status !== 'stored') return { provider: o.provider, status: o.status, message: o.message };
  return {
    provider: o.provider,
    status: o.status,
    message: o.message,
    usageRows: o.stored.usageRows,
    costDays: o.stored.costDays.map((d) => ({ day: d.day, costUsd: nanoToUsd(d.costNano), complete: isComplete(o.provider, d.day, o.at) })),
    balances: o.stored.balances.map((b) => ({ currency: b.currency, remaining: b.remainingNano === null ? null : nanoToUsd(b.remainingNano) })),
    notes: o.stored.notes,
  };
}

function printOutcomes(io: CliIO, outcomes: PollOutcome[]): void {
  for (const o of outcomes) {
    if (o.status !== 'stored') {
      const stream = o.status === 'skipped' ? io.stdout : io.stderr;
      stream.write(`${o.provider}: ${o.status === 'skipped' ? 'skipped' : 'error'} — ${o.message}\n`);
      continue;
    }
    io.stdout.write(`${o.provider}: stored ${o.message}\n`);
    // Days of spend, and the day still filling; a month of $0.00 lines would bury them.
    const days = o.stored.costDays.filter((d, i, all) => d.costNano !== 0 || i === all.length - 1);
    for (const d of days) {
      io.stdout.write(`  ${d.day}  ${formatUsd(d.costNano)}${isComplete(o.provider, d.day, o.at) ? '' : '  (still filling)'}\n`);
    }
    const quiet = o.stored.costDays.length - days.length;
    if (quiet > 0) io.stdout.write(`  (${quiet} other day${quiet === 1 ? '' : 's'} at $0.00)\n`);
    for (const b of o.stored.balances) io.stdout.write(`  ${b.currency} balance: ${balanceLine(b)}\n`);
  }
}

function isComplete(provider: string, day: string, fetchedAt: number): boolean {
  return fetchedAt - settleMs(provider) >= Date.parse(`${day}T00:00:00Z`) + DAY_MS;
}
