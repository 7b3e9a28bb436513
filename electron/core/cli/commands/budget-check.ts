/**
 * `tokentally budget check [--json]`, for scripts and CI jobs: exit 0 within budget, 3 when an
 * alert threshold is crossed (or a soft budget is used up), 4 when a hard cap refuses calls: the
 * proxy's gate would refuse an ordinary call for it (shared/budget/hard-cap.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BudgetStatus } from '../../../../shared/api/contract-budgets.js';
import { budgetLabel } from '../../../../shared/budget/scope.js';
import { paceWords } from '../../../../shared/pacing/pace-words.js';
import { HARD_CAP_REFUSING, overBudgetText } from '../../../../shared/budget/budget-label-text.js';
import { formatUsd } from '../../../../shared/format.js';
import { nanoToUsd } from '../../../../shared/money.js';
import { budgetStatuses } from '../../budgets/index.js';
import { DATABASE_FILE } from '../../ledger/open-database.js';
import { resolveDataDir } from '../../paths.js';
import { UsageError, type CliIO } from '../io.js';
import { parseCommandArgs } from '../parse-args.js';
import { withLedger } from '../with-ledger.js';

const CHECK_EXIT = { ok: 0, soft: 3, hard: 4 } as const;
type CheckLevel = keyof typeof CHECK_EXIT;

/** How serious one budget's state is for `check`. */
export function checkLevel(s: BudgetStatus): CheckLevel {
  if (s.capReached) return 'hard';
  if (s.thresholdReached !== null || s.pacing.state === 'over') return 'soft';
  return 'ok';
}

const RANK: Record<CheckLevel, number> = { ok: 0, soft: 1, hard: 2 };

export async function budgetCheck(args: string[], io: CliIO, usage: string): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, 'data-dir': { type: 'string' } }, usage);
  if (values.help) {
    io.stdout.write(usage + '\n');
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, usage);
  const dataDir = resolveDataDir(values['data-dir'], io.env);
  // Checking must not create a ledger where there is none: no ledger, no budgets.
  const statuses = fs.existsSync(path.join(dataDir, DATABASE_FILE)) ? await withLedger(dataDir, io, { mustExist: true }, (db) => budgetStatuses(db, Date.now())) : [];
  const levels = statuses.map(checkLevel);
  const level = levels.reduce<CheckLevel>((worst, l) => (RANK[l] > RANK[worst] ? l : worst), 'ok');

  if (values.json) {
    io.stdout.write(JSON.stringify({ status: level, budgets: statuses.map((s, i) => budgetStatusJson(s, levels[i]!)) }) + '\n');
  } else if (statuses.length === 0) {
    io.stdout.write('No budgets set. Add one with: tokentally budget set --monthly USD\n');
  } else {
    io.stdout.write(statuses.map((s, i) => checkLine(s, levels[i]!)).join('\n') + '\n');
  }
  return CHECK_EXIT[level];
}

/** One budget as `budget check --json` (and the MCP server's budget_status) says it: dollars, ISO instants. */
export function budgetStatusJson(s: BudgetStatus, level: CheckLevel) {
  const p = s.pacing;
  return {
    scope: s.budget.scope,
    scopeValue: s.budget.scopeValue,
    hard: s.budget.hard,
    status: level,
    state: p.state,
    periodStart: s.period.start,
    periodEnd: s.period.end,
    resetsAt: new Date(s.period.resetsAt).toISOString(),
    budgetUsd: nanoToUsd(p.budgetNano),
    spentUsd: nanoToUsd(p.spentNano),
    remainingUsd: nanoToUsd(p.remainingNano),
    todaySpentUsd: nanoToUsd(p.todaySpentNano),
    todayAllowanceUsd: nanoToUsd(p.todayAllowanceNano),
    paceDelta: p.paceDelta,
    projectedUsd: nanoToUsd(p.projectedLinearNano),
    projectedRobustUsd: nanoToUsd(p.projectedRobustNano),
    runsOutOn: p.runsOutOn,
    thresholdReached: s.thresholdReached,
    capReached: s.capReached,
  };
}

function checkLine(s: BudgetStatus, level: CheckLevel): string {
  const p = s.pacing;
  const pace = paceWords(p);
  const over = overBudgetText(p.spentNano, p.budgetNano);
  const note = level === 'hard' ? (over ? `${over}, ${HARD_CAP_REFUSING}` : HARD_CAP_REFUSING) : over ?? (s.thresholdReached !== null ? `${s.thresholdReached}% alert reached` : p.state);
  return (
    `${budgetLabel(s.budget)}: ${formatUsd(p.spentNano, { decimals: 2 })} of ${formatUsd(p.budgetNano, { decimals: 2 })} ` +
    `(${formatUsd(p.remainingNano, { decimals: 2 })} left), ${pace}, projected ${formatUsd(p.projectedLinearNano, { decimals: 2 })} ` +
    `by ${s.period.end}: ${note}`
  );
}
