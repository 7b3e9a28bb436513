import type { Summary, TokentallyApi } from '../../../shared/api/contract.js';
import type { RefusingCap } from '../../../shared/api/contract-budgets.js';
import { alertInForce } from '../../../shared/budget/alert-in-force.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { budgetLabel } from '../../../shared/budget/scope.js';
import { keyLabels } from '../secrets/key-labels.js';
import { capLiftedUntil, hardCapRefusing, latestAlert } from '../budgets/index.js';
import { periodSpend } from '../budgets/period-spend.js';
import { listBudgets, topModels } from '../ledger/index.js';
import { listBalances } from '../pollers/index.js';
import { budgetStatusOf } from '../budgets/budget-status.js';
import { readSettings } from '../ledger/settings-repo.js';
import { planWindows, runwayOf } from '../windows/windows-report.js';
import type { ServiceContext } from './context.js';
import { glanceAdvisorSummary } from './advisor-handlers.js';
import { latestAlarms, listPauses } from '../guard/guard-repo.js';
import { thisDeviceToday } from '../sync/device-usage.js';
import { errorMessage } from '../../../shared/error-message.js';

/**
 * The glance's numbers. The period follows the overall budget's reset day and zone when one is
 * set, else the calendar month in the settings' zone. Subscription usage is never spend. Budget
 * figures (allowance, pace, projections) come from shared/pacing, the same functions the
 * planner and `budget check` use.
 */
export function summaryHandler(ctx: ServiceContext): Pick<TokentallyApi, 'getSummary'> {
  return {
    getSummary: async () => summaryOf(ctx, { refreshAdvisor: true }),
  };
}

/**
 * Computes one glance summary and throws it away, once, as the app starts: the first glance a
 * window or the tray asks for then runs compiled code over prepared statements and cached pages
 * (about 30 ms cold at a million calls, 3 ms warm). It starts no advisor pass: that waits for a
 * window to ask.
 */
export function warmGlance(ctx: ServiceContext, log: (line: string) => void): void {
  try {
    summaryOf(ctx, { refreshAdvisor: false });
  } catch (err) {
    log(`the glance could not be computed at start: ${errorMessage(err)}`);
  }
}

/**
 * One glance, read from one state of the ledger: its figures come from a dozen queries, and the
 * writer thread commits calls between any two of them (the spend and the pace could disagree by the
 * call just committed). A read transaction (WAL) gives every query the same snapshot, without
 * holding up the writer.
 */
function summaryOf(ctx: ServiceContext, options: { refreshAdvisor: boolean }): Summary {
  return ctx.db.transaction(() => glanceOf(ctx, options))();
}

function glanceOf(ctx: ServiceContext, options: { refreshAdvisor: boolean }): Summary {
  const now = ctx.now();
  const { overall, tz, period, todayStart, month, today, spentNano, todaySpentNano, pacing } = periodSpend(ctx.db, now);
  const budgetNano = overall?.monthlyNano ?? null;
  const { settings } = readSettings(ctx.db);
  const windows = planWindows(ctx.db, now, settings);
  const budgets = listBudgets(ctx.db);
  // The overall budget's pacing is already computed; the others are read as `budget check` reads them.
  const runwayBudgets = budgets.map((b) =>
    b.scope === 'overall' && pacing ? { budget: b, pacing, capReached: hardCapRefusing(ctx.db, b, now, pacing.spentNano) } : budgetStatusOf(ctx.db, b, now),
  );
  // Every hard cap the gate would refuse an ordinary call with, whatever its scope.
  const labels = keyLabels(ctx.db);
  const { registry } = ctx.providers();
  const refusingCaps: RefusingCap[] = runwayBudgets
    .filter((s) => s.capReached)
    .map((s) => ({
      budget: { scope: s.budget.scope, scopeValue: s.budget.scopeValue },
      label: budgetLabel(s.budget, { provider: (id) => registry.get(id)?.label ?? id, key: (ref) => labels.get(ref) ?? null }),
      spentNano: s.pacing.spentNano,
      capNano: s.pacing.budgetNano,
    }));

  // The last alert only while it still holds: a raised budget, a new period or a lifted cap (no
  // cap refuses then) ends it.
  const latest = latestAlert(ctx.db);
  const lastAlert =
    latest && alertInForce(latest, budgets, refusingCaps.map((c) => c.budget), (b) => budgetPeriod(now, b.resetDay, b.tz).start) ? latest : null;

  const ledger = ctx.ledgerHealth?.();
  return {
    ...(ledger && (ledger.state !== 'ok' || ledger.recoveredAtStart > 0 || ledger.lost > 0) ? { ledger } : {}),
    now,
    tz,
    period: { start: period.start, end: period.last, daysTotal: period.daysTotal, daysLeft: period.daysLeft },
    spentNano,
    todaySpentNano,
    budgetNano,
    remainingNano: budgetNano === null ? null : budgetNano - spentNano,
    todayAllowanceNano: pacing?.todayAllowanceNano ?? null,
    subscriptionCostNano: month.costNano - month.spendNano,
    requestsToday: today.requests,
    unpricedThisPeriod: month.unpriced,
    topModelsToday: topModels(ctx.db, { from: todayStart, to: period.endMs, limit: 3 }),
    proxy: ctx.proxyStatus(),
    pacing,
    lastAlert,
    capLiftedUntil: capLiftedUntil(ctx.db, now),
    hasHardCap: budgets.some((b) => b.hard),
    capRefusing: refusingCaps.length > 0,
    refusingCaps,
    balances: listBalances(ctx.db),
    windows,
    runway: runwayOf(windows, runwayBudgets, now, tz),
    advisor: glanceAdvisorSummary(ctx, { refresh: options.refreshAdvisor }),
    guardPaused: listPauses(ctx.db),
    guardAlarm: latestAlarms(ctx.db, 1).find((a) => Date.parse(a.at) > now - 24 * 3_600_000) ?? null,
    thisDevice: thisDeviceToday(ctx.db, todayStart, period.endMs),
  };
}
