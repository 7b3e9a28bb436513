/**
 * The money figures the glance leads with: this period's and today's spend (the providers' own
 * cost reports counted where they cover spend the proxy never saw), the overall budget and its
 * pacing (today's allowance, pace, projections). One function, so the summary, the status line
 * and the MCP server say the same numbers.
 */
import type { Budget } from '../../../shared/api/contract.js';
import type { BudgetPeriod } from '../../../shared/budget/period.js';
import type { Pacing } from '../../../shared/api/contract-budgets.js';
import { computePacing } from '../../../shared/pacing/index.js';
import { startOfDay } from '../../../shared/time/zoned.js';
import type { Nano } from '../../../shared/money.js';
import { moneyOver, type MoneySums } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';
import { reconciledSpendNano } from '../reconcile/reconciled-spend.js';
import { pacingInputFor } from './budget-status.js';
import { overallPeriod } from './overall-period.js';

export interface PeriodSpend {
  overall: Budget | null;
  tz: string;
  period: BudgetPeriod;
  /** Epoch ms today began in the zone. */
  todayStart: number;
  /** Every call of the period and of today (subscription usage at API rates included in costNano). */
  month: MoneySums;
  today: MoneySums;
  /** API + batch spend, reconciled with the providers' reports. */
  spentNano: Nano;
  todaySpentNano: Nano;
  /** The overall budget's pacing; null without one. */
  pacing: Pacing | null;
}

/** The period follows the overall budget's reset day and zone when one is set, else the calendar month in the settings' zone. */
export function periodSpend(db: Db, now: number): PeriodSpend {
  const { overall, tz, period } = overallPeriod(db, now);
  const todayStart = startOfDay(period.today, tz);
  const month = moneyOver(db, { from: period.startMs, to: period.endMs });
  const today = moneyOver(db, { from: todayStart, to: period.endMs });
  return {
    overall,
    tz,
    period,
    todayStart,
    month,
    today,
    spentNano: reconciledSpendNano(db, { from: period.startMs, to: period.endMs }, month.spendNano),
    todaySpentNano: reconciledSpendNano(db, { from: todayStart, to: period.endMs }, today.spendNano),
    pacing: overall ? computePacing(pacingInputFor(db, overall, now, period)) : null,
  };
}
