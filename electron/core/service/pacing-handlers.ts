/** Budgets, pacing, alerts, the cap lift and the planner (issue 4): thin handlers over electron/core/budgets. */
import { ApiError } from '../../../shared/api/contract.js';
import type { BudgetsApi } from '../../../shared/api/contract-budgets.js';
import { validateBudgetKey } from '../../../shared/budget-validate.js';
import { budgetPeriod } from '../../../shared/budget/period.js';
import { pacingPoints } from '../../../shared/pacing/index.js';
import { priceScenario } from '../../../shared/planner/scenario.js';
import { validateWorkloads } from '../../../shared/planner/workload-validate.js';
import { isValidTimeZone } from '../../../shared/time/zoned.js';
import {
  budgetStatuses,
  capLiftedUntil,
  getPlan,
  liftCap,
  listAlerts,
  listPlans,
  overallPeriod,
  pacingInputFor,
  planVsActual,
  removePlan,
  repriceUsage,
  restoreCap,
  savePlan,
} from '../budgets/index.js';
import { usageWorkloads } from '../budgets/usage-workloads.js';
import { listBudgets, readSettings } from '../ledger/index.js';
import type { ServiceContext } from './context.js';
import { optionalInt, optionalString, requireObject, requireString } from './validate.js';

export function pacingHandlers(ctx: ServiceContext): BudgetsApi {
  const overrides = () => readSettings(ctx.db).settings.priceOverrides;
  const capLift = () => ({ liftedUntil: capLiftedUntil(ctx.db, ctx.now()) });
  const planId = (args: unknown, what: string) => {
    const id = optionalInt(requireObject(args, what), 'id', 1, Number.MAX_SAFE_INTEGER);
    if (id === undefined) throw new ApiError('bad_request', 'id is required');
    return id;
  };

  return {
    async budgetStatuses() {
      return budgetStatuses(ctx.db, ctx.now());
    },

    async pacingSeries(key) {
      const k = validateBudgetKey(key);
      const budget = listBudgets(ctx.db).find((b) => b.scope === k.scope && b.scopeValue === k.scopeValue);
      if (!budget) throw new ApiError('not_found', `no ${k.scope === 'overall' ? 'overall' : `${k.scope} "${k.scopeValue}"`} budget is set`);
      const now = ctx.now();
      const period = budgetPeriod(now, budget.resetDay, budget.tz);
      return {
        budget: k,
        budgetNano: budget.monthlyNano,
        today: period.today,
        idealDayNano: Math.round(budget.monthlyNano / period.daysTotal),
        points: pacingPoints(pacingInputFor(ctx.db, budget, now, period)),
      };
    },

    async listAlerts(args) {
      const limit = optionalInt(requireObject(args, 'listAlerts'), 'limit', 1, 500) ?? 50;
      return listAlerts(ctx.db, limit);
    },

    async liftCap() {
      liftCap(ctx.db, ctx.now());
      ctx.emit({ type: 'budgets-changed' });
      return capLift();
    },

    async restoreCap() {
      restoreCap(ctx.db);
      ctx.emit({ type: 'budgets-changed' });
      return capLift();
    },

    async getCapLift() {
      return capLift();
    },

    async priceScenario(args) {
      return priceScenario(validateWorkloads(requireObject(args, 'priceScenario').rows), overrides());
    },

    async scenarioFromUsage(args) {
      const days = optionalInt(requireObject(args ?? {}, 'scenarioFromUsage'), 'days', 1, 366) ?? 30;
      return usageWorkloads(ctx.db, { days, tz: readSettings(ctx.db).settings.timezone, now: ctx.now() });
    },

    async repriceUsage(args) {
      const a = requireObject(args, 'repriceUsage');
      const days = optionalInt(a, 'days', 1, 366);
      if (days === undefined) throw new ApiError('bad_request', 'days is required (1 to 366)');
      const tz = optionalString(a, 'tz') ?? readSettings(ctx.db).settings.timezone;
      if (!isValidTimeZone(tz)) throw new ApiError('bad_request', `unknown time zone "${tz}"`);
      return repriceUsage(ctx.db, {
        days,
        provider: requireString(a, 'provider').trim().toLowerCase(),
        model: requireString(a, 'model').trim(),
        includeSubscription: a.includeSubscription === true,
        tz,
        now: ctx.now(),
        overrides: overrides(),
        ...(a.from === undefined || a.from === null ? {} : { from: repriceFrom(a.from) }),
      });
    },

    async listSavedPlans() {
      return listPlans(ctx.db);
    },

    async saveSavedPlan(args) {
      savePlan(ctx.db, requireObject(args, 'saveSavedPlan') as unknown as Parameters<typeof savePlan>[1], ctx.now());
      return listPlans(ctx.db);
    },

    async removeSavedPlan(args) {
      removePlan(ctx.db, planId(args, 'removeSavedPlan'));
      return listPlans(ctx.db);
    },

    async savedPlanVsActual(args) {
      const plan = getPlan(ctx.db, planId(args, 'savedPlanVsActual'));
      if (!plan) throw new ApiError('not_found', 'no saved plan with that id');
      const now = ctx.now();
      const { period, tz } = overallPeriod(ctx.db, now);
      return planVsActual(ctx.db, plan, period, tz, now, overrides());
    },
  };
}

/** The model a re-price is limited to: { provider, model }. */
function repriceFrom(value: unknown): { provider: string; model: string } {
  const from = requireObject(value, 'from');
  return { provider: requireString(from, 'provider').trim().toLowerCase(), model: requireString(from, 'model').trim() };
}
