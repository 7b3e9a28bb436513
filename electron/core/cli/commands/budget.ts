import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type Budget, type BudgetKey } from '../../../../shared/api/contract.js';
import { BUDGET_SCOPES, budgetLabel, validateBudgetKey, type BudgetScopeDef, type ScopeNames } from '../../../../shared/budget/scope.js';
import { formatUsd } from '../../../../shared/format.js';
import { canonicalTimeZone, isValidTimeZone } from '../../../../shared/time/zoned.js';
import { listBudgets, readSettings, removeBudget, upsertBudget } from '../../ledger/index.js';
import { DATABASE_FILE, type Db } from '../../ledger/open-database.js';
import { resolveProviders } from '../../proxy/upstreams.js';
import { BUILT_IN_REGISTRY } from '../../../../shared/providers/index.js';
import { findKeyRef, keyLabels } from '../../secrets/key-labels.js';
import { resolveDataDir } from '../../paths.js';
import { CliError, namedProvider, UsageError, type CliCommand, type CliIO } from '../io.js';
import { parseCommandArgs, parseCount, parseUsdFlag } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';
import { budgetCheck } from './budget-check.js';
import { errorMessage } from '../../../../shared/error-message.js';

const BUDGET_USAGE = `Usage:
  tokentally budget set [--provider P | --tag T | --key K] --monthly USD [--hard | --soft] [--reset-day N] [--tz ZONE] [--alerts 50,75,90]
  tokentally budget list [--json]
  tokentally budget rm [--provider P | --tag T | --key K]
  tokentally budget check [--json]

  --provider P     a provider's budget (anthropic, openai, ...); --tag T a tag's; --key K an API key's
                   (its label or fingerprint, see tokentally keys list); none: the overall budget
  --monthly USD    the amount per period, e.g. 50 or 49.99
  --hard           refuse API calls through the proxy once the period's spend reaches it (--soft: only alert)
  --reset-day N    day of the month the period starts, 1 to 28 (default 1)
  --tz ZONE        IANA time zone of the period (default: the time-zone setting)
  --alerts LIST    alert thresholds in percent (default 50,75,90; "none" for no alerts)
  --data-dir DIR   where the ledger lives
Changing a budget keeps the options you leave out. Subscription usage never counts as spend.

budget check exits 0 within budget, 3 when an alert threshold is crossed (or a soft budget is used up),
4 when a hard cap is reached; --json gives each budget's spent, remaining, pace delta and projection.`;

const DEFAULT_ALERTS = [50, 75, 90];

/** The budget commands (aliases aside): the main help lists these. */
export const BUDGET_SUBCOMMANDS = ['set', 'list', 'rm', 'check'] as const;

const SCOPE_OPTIONS = { provider: { type: 'string' }, tag: { type: 'string' }, key: { type: 'string' }, 'data-dir': { type: 'string' } } as const;
type ScopeValues = { provider?: string; tag?: string; key?: string };

export const budgetCommand: CliCommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === '-h' || sub === 'help') return printUsage(io);
  switch (sub) {
    case 'set':
      return setBudget(rest, io);
    case 'list':
    case 'ls':
      return listCommand(rest, io);
    case 'rm':
    case 'remove':
      return removeCommand(rest, io);
    case 'check':
      return budgetCheck(rest, io, BUDGET_USAGE);
    default:
      throw new UsageError(sub ? `unknown budget command "${sub}" (set, list, rm or check)` : 'set, list, rm or check?', BUDGET_USAGE);
  }
};

async function setBudget(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      ...SCOPE_OPTIONS,
      monthly: { type: 'string' },
      hard: { type: 'boolean' },
      soft: { type: 'boolean' },
      'reset-day': { type: 'string' },
      tz: { type: 'string' },
      alerts: { type: 'string' },
    },
    BUDGET_USAGE,
  );
  if (values.help) return printUsage(io);
  noPositionals(positionals);
  const flag = scopeFlag(values);
  if (values.monthly === undefined) throw new UsageError('budget set needs --monthly USD', BUDGET_USAGE);
  const monthlyNano = parseUsdFlag(values.monthly, '--monthly', BUDGET_USAGE);
  if (values.hard && values.soft) throw new UsageError('--hard and --soft contradict each other', BUDGET_USAGE);
  const resetDay = parseCount(values['reset-day'], '--reset-day', BUDGET_USAGE);
  if (resetDay !== undefined && (resetDay < 1 || resetDay > 28)) throw new UsageError(`--reset-day must be 1 to 28 (every month has those days), got ${resetDay}`, BUDGET_USAGE);
  if (values.tz !== undefined && !isValidTimeZone(values.tz)) throw new UsageError(`unknown time zone "${values.tz}" (use an IANA name such as Europe/Paris)`, BUDGET_USAGE);
  const alerts = values.alerts === undefined ? undefined : parseAlerts(values.alerts);

  return withLedger(values['data-dir'], io, { mustExist: false }, (db) => {
    const key = resolveScope(db, io, flag);
    const existing = listBudgets(db).find((b) => b.scope === key.scope && b.scopeValue === key.scopeValue);
    const budget: Budget = {
      ...key,
      monthlyNano,
      hard: values.hard ? true : values.soft ? false : (existing?.hard ?? false),
      resetDay: resetDay ?? existing?.resetDay ?? 1,
      tz: values.tz !== undefined ? canonicalTimeZone(values.tz) : (existing?.tz ?? readSettings(db).settings.timezone),
      alerts: alerts ?? existing?.alerts ?? DEFAULT_ALERTS,
    };
    const stored = cli(() => upsertBudget(db, budget));
    io.stdout.write(`${existing ? 'Updated' : 'Set'} ${describe(stored, scopeNames(db))}.\n`);
    return 0;
  });
}

async function listCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, BUDGET_USAGE);
  if (values.help) return printUsage(io);
  noPositionals(positionals);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const { budgets, names } = fs.existsSync(path.join(dataDir, DATABASE_FILE))
    ? await withLedger(dataDir, io, { mustExist: true }, (db) => ({ budgets: listBudgets(db), names: scopeNames(db) }))
    : { budgets: [] as Budget[], names: {} };
  if (values.json) {
    const rows = budgets.map((b) => ({ scope: b.scope, scopeValue: b.scopeValue, monthlyUsd: b.monthlyNano / 1e9, hard: b.hard, resetDay: b.resetDay, tz: b.tz, alerts: b.alerts }));
    io.stdout.write(JSON.stringify({ budgets: rows }) + '\n');
  } else {
    io.stdout.write(budgets.length === 0 ? 'No budgets set. Add one with: tokentally budget set --monthly USD\n' : budgets.map((b) => describe(b, names) + '\n').join(''));
  }
  return 0;
}

async function removeCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, SCOPE_OPTIONS, BUDGET_USAGE);
  if (values.help) return printUsage(io);
  noPositionals(positionals);
  const flag = scopeFlag(values);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  const what = (label: string) => label.replace(/^Overall/, 'overall');
  if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
    // Without a ledger only the built-in providers exist: a name that is none of them is a typo first.
    if (flag.def.cliFlag === 'provider' && flag.value !== null) namedProvider(BUILT_IN_REGISTRY, flag.value);
    throw new CliError('no budgets are set (see: tokentally budget list)');
  }
  return withLedger(dataDir, io, { mustExist: true }, (db) => {
    const key = resolveScope(db, io, flag);
    const label = what(budgetLabel(key, scopeNames(db)));
    if (!cli(() => removeBudget(db, key))) throw new CliError(`no ${label} is set (see: tokentally budget list)`);
    io.stdout.write(`Removed the ${label}.\n`);
    return 0;
  });
}

function describe(b: Budget, names: ScopeNames): string {
  const alerts = b.alerts.length ? `alerts at ${b.alerts.join(', ')}%` : 'no alerts';
  return `${budgetLabel(b, names)}: ${formatUsd(b.monthlyNano, { decimals: 2 })} a month, ${b.hard ? 'hard cap' : 'soft'}, resets on day ${b.resetDay} (${b.tz}), ${alerts}`;
}

/** The scope flag given (at most one of --provider, --tag, --key), before the ledger is open. */
function scopeFlag(values: ScopeValues): { def: BudgetScopeDef; value: string | null } {
  const given = BUDGET_SCOPES.filter((s) => s.cliFlag !== null && values[s.cliFlag] !== undefined);
  if (given.length > 1) throw new UsageError(`give ${given.map((s) => `--${s.cliFlag}`).join(' or ')}, not both`, BUDGET_USAGE);
  const def = given[0] ?? BUDGET_SCOPES[0]!;
  return { def, value: def.cliFlag === null ? null : values[def.cliFlag]! };
}

/**
 * The budget the flag names, checked as the API checks it: a provider must be one Tokentally
 * knows (listing the known ones), a key is named by its label or fingerprint.
 */
function resolveScope(db: Db, io: CliIO, flag: { def: BudgetScopeDef; value: string | null }): BudgetKey {
  let value = flag.value;
  if (flag.def.cliFlag === 'provider' && value !== null) {
    value = namedProvider(resolveProviders(readSettings(db).settings, io.env).registry, value!).id;
  } else if (flag.def.cliFlag === 'key' && value !== null) {
    const ref = findKeyRef(db, value);
    if (ref === null) {
      const labels = [...keyLabels(db).values()];
      throw new CliError(`no API key is called "${value}"${labels.length ? ` (labelled keys: ${labels.join(', ')})` : ''}; see tokentally keys list, or give the key's fingerprint`);
    }
    value = ref;
  }
  try {
    // The same check the API applies: provider names folded, tags trimmed.
    return validateBudgetKey({ scope: flag.def.scope, scopeValue: value });
  } catch (err) {
    throw new UsageError(`--${flag.def.cliFlag ?? 'scope'}: ${errorMessage(err)}`, BUDGET_USAGE);
  }
}

/** Key budgets are shown by the key's label. */
function scopeNames(db: Db): ScopeNames {
  const labels = keyLabels(db);
  return { key: (ref) => labels.get(ref) ?? null };
}

function parseAlerts(text: string): number[] {
  if (text.trim().toLowerCase() === 'none' || text.trim() === '') return [];
  return text.split(',').map((part) => {
    const n = Number(part.trim().replace(/%$/, ''));
    if (part.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`--alerts takes percentages separated by commas (e.g. 50,75,90), got "${text}"`, BUDGET_USAGE);
    return n;
  });
}

function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, BUDGET_USAGE);
}

/** Validation errors from the ledger are the user's to fix: one line, no stack. */
function cli<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApiError) throw new CliError(err.message);
    throw err;
  }
}

function printUsage(io: CliIO): number {
  io.stdout.write(BUDGET_USAGE + '\n');
  return 0;
}
