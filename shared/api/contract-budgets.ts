/**
 * The API contract's part for: Budgets, pacing, alerts and the planner (issue 4).
 * Declare methods on BudgetsApi and list them in BUDGETS_METHODS; contract.ts merges both.
 *
 * Money is integer nano-dollars (Nano); days are YYYY-MM-DD in the budget's time zone; instants
 * are epoch ms. Ratios are plain numbers (0.11 = 11%): format them with formatPercent.
 */
import type { Nano } from '../money.js';
import type { ProviderId } from '../usage.js';
import type { Budget, BudgetKey, Day } from './contract.js';

/** on-pace: at most 10% above the ideal line; ahead: spending faster than that; over: the budget is used up. */
export type PaceState = 'on-pace' | 'ahead' | 'over';

/**
 * Where a budget stands in its current period (shared/pacing/pacing.ts computes it; the
 * definitions are documented there). "Elapsed" counts calendar days, today by the share of its
 * hours gone, so a 23- or 25-hour DST day weighs as one day.
 */
export interface Pacing {
  budgetNano: Nano;
  /** API + batch spend this period (subscription usage never counts). */
  spentNano: Nano;
  /** budget − spent; negative when over. */
  remainingNano: Nano;
  daysTotal: number;
  /** Days left, today included (1 on the last day). */
  daysLeft: number;
  /** Share of the period elapsed, 0..1 (calendar days; today partly). */
  elapsed: number;
  todaySpentNano: Nano;
  /** What was left at the start of today, spread over the days left (today included); never negative. */
  todayAllowanceNano: Nano;
  /** The ideal line now: budget × elapsed. */
  idealNano: Nano;
  /** (spent − ideal) / ideal: +0.11 is 11% ahead of the ideal line; null when the ideal is 0. */
  paceDelta: number | null;
  /** Spend in the last 24 hours (a per-day rate). */
  burn24hNano: Nano;
  /** Average spend per day over the 7 whole days before today (days before the first record left out). */
  burn7dNano: Nano;
  /** Median daily spend of those days; null when none of them has data. */
  median7dNano: Nano | null;
  /** spent / elapsed: where the period ends if the pace so far holds. */
  projectedLinearNano: Nano;
  /** spent + median7d × the days still to come (linear when there is no 7-day history). */
  projectedRobustNano: Nano;
  /** The day spend reaches the budget at this period's pace so far (or the day it did); null if not within the period. */
  runsOutOn: Day | null;
  state: PaceState;
}

/** A budget with its current period and pacing. */
export interface BudgetStatus {
  budget: Budget;
  period: {
    start: Day;
    /** Last day (inclusive). */
    end: Day;
    /** The day the next period starts. */
    next: Day;
    /** Epoch ms the period resets at. */
    resetsAt: number;
  };
  pacing: Pacing;
  /** Highest alert threshold (percent) reached this period, or null. */
  thresholdReached: number | null;
  /** A hard budget whose spend reached its cap (calls are refused unless the cap is lifted). */
  capReached: boolean;
}

/** A hard cap refusing calls now (the gate's rule for an ordinary call of its scope), whatever its scope. */
export interface RefusingCap {
  budget: BudgetKey;
  /** "Overall budget", "OpenAI budget", "tag agent budget"… (shared/budget/scope.ts budgetLabel). */
  label: string;
  spentNano: Nano;
  capNano: Nano;
}

export type AlertKind = 'threshold' | 'projection' | 'cap';

/** One raised alert, kept in the alert list. At most one per budget, period, kind and threshold. */
export interface BudgetAlert {
  id: number;
  budget: BudgetKey;
  kind: AlertKind;
  /** Percent of the budget: the threshold crossed; 100 for projection and cap alerts. */
  threshold: number;
  /** First day of the budget period the alert belongs to. */
  periodStart: Day;
  /** Epoch ms it was raised. */
  at: number;
  message: string;
  spentNano: Nano;
  budgetNano: Nano;
}

/** Hard caps are lifted (every hard budget lets calls through) until this instant; null when not lifted. */
export interface CapLift {
  liftedUntil: number | null;
}

/** Chart data of one budget's current period: one point per day. */
export interface PacingSeries {
  budget: BudgetKey;
  budgetNano: Nano;
  today: Day;
  /** The ideal daily spend: budget / days in the period. */
  idealDayNano: Nano;
  points: PacingPoint[];
}

export interface PacingPoint {
  day: Day;
  /** Spend that day; null for days still to come. */
  spendNano: Nano | null;
  /** Spend from the period start to the end of that day; null for days still to come. */
  cumulativeNano: Nano | null;
  /** The ideal line at the end of that day. */
  idealNano: Nano;
  /** That day's allowance (what was left that morning over the days left); null for days to come. */
  allowanceNano: Nano | null;
  /** Projected cumulative spend at the end of that day, from today on; null before today. */
  projectedLinearNano: Nano | null;
  projectedRobustNano: Nano | null;
}

/** One workload of a scenario (the planner's calculator). Token counts are per request. */
export interface WorkloadRow {
  name: string;
  provider: ProviderId;
  model: string;
  requestsPerMonth: number;
  /** Input tokens per request, all of them (cached or not). */
  inputTokens: number;
  outputTokens: number;
  /** Share of input read from the cache, 0..1. */
  cachedShare: number;
  /** Share of requests sent through the batch API (50% price), 0..1. */
  batchShare: number;
}

export interface WorkloadCost {
  name: string;
  provider: ProviderId;
  model: string;
  /** Model the price data matched; null when unpriced (then the cost is a conservative estimate). */
  matchedModel: string | null;
  priced: boolean;
  monthlyNano: Nano;
  /** Of which input (uncached), cache reads, cache writes and output. */
  inputNano: Nano;
  cacheReadNano: Nano;
  cacheWriteNano: Nano;
  outputNano: Nano;
  /** Cost of one request (unbatched). */
  perRequestNano: Nano;
}

export interface ScenarioResult {
  rows: WorkloadCost[];
  totalNano: Nano;
  /** Rows whose model has no price. */
  unpriced: number;
}

export interface RepriceArgs {
  /** The last N days (today included), 1..366. */
  days: number;
  provider: ProviderId;
  model: string;
  /** Also re-price subscription usage (default: spend only: API and batch). */
  includeSubscription?: boolean;
  tz?: string;
  /** Re-price only this model's calls ("only Sonnet calls to Haiku"); the others are left as they are, and shown apart. */
  from?: { provider: ProviderId; model: string };
}

export interface RepriceRow {
  provider: ProviderId;
  model: string;
  requests: number;
  actualNano: Nano;
  repricedNano: Nano;
  /** Calls already on the target model: kept at what they cost, never shown as a saving. */
  unchanged?: boolean;
}

export interface RepriceResult {
  since: Day;
  until: Day;
  target: { provider: ProviderId; model: string; matchedModel: string };
  /** The model re-priced, when one was chosen (RepriceArgs.from). */
  from?: { provider: ProviderId; model: string };
  rows: RepriceRow[];
  actualNano: Nano;
  repricedNano: Nano;
  /** With `from`: the period's other calls, not re-priced (what they cost stays as it is). */
  untouched?: { requests: number; costNano: Nano };
}

export interface SavedPlan {
  id: number;
  name: string;
  rows: WorkloadRow[];
  /** Epoch ms. */
  created: number;
}

export interface SavePlanArgs {
  /** Replace this plan; omitted: a new plan. */
  id?: number;
  name: string;
  rows: WorkloadRow[];
}

/** A saved plan against this period's actual spend (the overall budget's period, else the calendar month). */
export interface PlanVsActual {
  plan: SavedPlan;
  period: { start: Day; end: Day };
  plannedNano: Nano;
  actualNano: Nano;
  /** Actual spend projected to the period end (linear). */
  projectedNano: Nano;
  byModel: { provider: ProviderId; model: string; plannedNano: Nano; actualNano: Nano }[];
}

export interface BudgetsApi {
  /** Every budget with its current period and pacing, overall first. */
  budgetStatuses(): Promise<BudgetStatus[]>;
  /** Day-by-day chart data of one budget's current period. */
  pacingSeries(key: BudgetKey): Promise<PacingSeries>;
  /** Raised alerts, newest first (default 50, at most 500). */
  listAlerts(args?: { limit?: number }): Promise<BudgetAlert[]>;
  /** Let calls through every hard cap for one hour (survives a restart). */
  liftCap(): Promise<CapLift>;
  /** End a lift now. */
  restoreCap(): Promise<CapLift>;
  getCapLift(): Promise<CapLift>;
  /** Monthly cost of workloads, priced with the price data and the user's overrides. */
  priceScenario(args: { rows: WorkloadRow[] }): Promise<ScenarioResult>;
  /** A scenario from the last N days (default 30) of real usage: a workload per model (shared/planner/from-usage.ts). */
  scenarioFromUsage(args: { days?: number }): Promise<WorkloadRow[]>;
  /** The last N days of usage re-priced on another model, by model. */
  repriceUsage(args: RepriceArgs): Promise<RepriceResult>;
  /** Saved scenario plans, newest first ("plans" alone are the subscription plans of contract-subscriptions.ts). */
  listSavedPlans(): Promise<SavedPlan[]>;
  saveSavedPlan(args: SavePlanArgs): Promise<SavedPlan[]>;
  removeSavedPlan(args: { id: number }): Promise<SavedPlan[]>;
  savedPlanVsActual(args: { id: number }): Promise<PlanVsActual>;
}

export const BUDGETS_METHODS = {
  budgetStatuses: true,
  pacingSeries: true,
  listAlerts: true,
  liftCap: true,
  restoreCap: true,
  getCapLift: true,
  priceScenario: true,
  scenarioFromUsage: true,
  repriceUsage: true,
  listSavedPlans: true,
  saveSavedPlan: true,
  removeSavedPlan: true,
  savedPlanVsActual: true,
} as const satisfies Record<keyof BudgetsApi, true>;
