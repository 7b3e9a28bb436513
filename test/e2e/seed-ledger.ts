/**
 * A ledger with known rows for the dashboard test, and the figures the UI must show for it,
 * computed here from the rows themselves (not through the core's queries).
 */
import { budgetPeriod, type BudgetPeriod } from '../../shared/budget/period.js';
import { startOfDay } from '../../shared/time/zoned.js';
import type { BillingMode, NewUsageRecord, TokenCounts, UsageRecord, UsageStatus } from '../../shared/usage.js';
import { fillLedger, pricedRecord } from '../support/seed.js';

const SEED_TZ = 'UTC';
const SEED_BUDGET_NANO = 25_000_000_000; // $25

interface Spec {
  provider: string;
  model: string;
  billing?: BillingMode;
  status?: UsageStatus;
  tag?: string | null;
  tokens: Partial<TokenCounts>;
  httpStatus?: number;
}

function record(spec: Spec, time: number): NewUsageRecord {
  const error = spec.status === 'error';
  return pricedRecord({
    time,
    provider: spec.provider,
    model: spec.model,
    billing: spec.billing ?? 'api',
    status: spec.status ?? 'ok',
    tag: spec.tag ?? null,
    stream: true,
    tokens: spec.tokens,
    ttftMs: 210,
    requestId: `req_seed_${time}`,
    endpoint: spec.provider === 'openai' ? '/v1/chat/completions' : '/v1/messages',
    httpStatus: spec.httpStatus ?? 200,
    // A provider error costs nothing.
    ...(error ? { costNano: 0, errorMessage: 'rate_limit_error: slow down, please' } : {}),
  });
}

const TODAY: Spec[] = [
  { provider: 'anthropic', model: 'claude-sonnet-4-20250514', tag: 'claude-cli', tokens: { inputTokens: 5000, outputTokens: 2000 } },
  { provider: 'anthropic', model: 'claude-3-5-haiku-20241022', tag: 'scripts', tokens: { inputTokens: 2000, outputTokens: 500 } },
  { provider: 'openai', model: 'gpt-4o-mini', tag: 'OpenAI/Python', tokens: { inputTokens: 6000, cacheReadTokens: 4000, outputTokens: 800 } },
  {
    provider: 'anthropic',
    model: 'claude-opus-4-20250514',
    billing: 'subscription',
    tag: 'claude-cli',
    tokens: { inputTokens: 20_000, cacheWrite1hTokens: 3000, cacheReadTokens: 100_000, outputTokens: 5000 },
  },
  { provider: 'anthropic', model: 'claude-haiku-4-5', billing: 'batch', tag: 'evals', tokens: { inputTokens: 12_000, outputTokens: 500 } },
  { provider: 'deepseek', model: 'mystery-model-9000', tag: 'experiments', tokens: { inputTokens: 3000, outputTokens: 1000 } },
  { provider: 'anthropic', model: 'claude-sonnet-4-20250514', status: 'error', tag: 'claude-cli', tokens: {}, httpStatus: 429 },
];

const EARLIER_THIS_PERIOD: Spec[] = [
  { provider: 'openai', model: 'gpt-4.1', tag: 'OpenAI/Python', tokens: { inputTokens: 50_000, outputTokens: 3000 } },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-4-20250514',
    tag: 'claude-cli',
    tokens: { inputTokens: 100_000, cacheWrite5mTokens: 20_000, outputTokens: 8000 },
  },
];

const PREVIOUS_PERIOD: Spec = { provider: 'anthropic', model: 'claude-opus-4-20250514', tag: 'claude-cli', tokens: { inputTokens: 20_000, outputTokens: 5000 } };

export interface Seeded {
  records: UsageRecord[];
  period: BudgetPeriod;
  todayStart: number;
}

/**
 * Seed `dataDir`: time zone UTC, a $25 overall budget, seven calls today (one on a subscription,
 * one batch, one unpriced, one error), two earlier this period (when today is not its first day)
 * and one in the previous period.
 */
export function seedLedger(dataDir: string, now: number): Seeded {
  const period = budgetPeriod(now, 1, SEED_TZ);
  const todayStart = startOfDay(period.today, SEED_TZ);
  const span = now - todayStart;
  const specs: [Spec, number][] = TODAY.map((spec, i) => [spec, todayStart + Math.floor((span * (i + 1)) / (TODAY.length + 1))]);
  EARLIER_THIS_PERIOD.forEach((spec, i) => {
    const time = period.startMs + (i + 1) * 3_600_000;
    if (time < todayStart) specs.push([spec, time]);
  });
  specs.push([PREVIOUS_PERIOD, period.startMs - 86_400_000]);

  const records = fillLedger(dataDir, {
    settings: { timezone: SEED_TZ },
    budgets: [{ scope: 'overall', scopeValue: null, monthlyNano: SEED_BUDGET_NANO, hard: false, resetDay: 1, tz: SEED_TZ, alerts: [50, 80, 100] }],
    usage: specs.map(([spec, time]) => record(spec, time)),
  });
  return { records, period, todayStart };
}

const isSpend = (r: UsageRecord) => r.billing !== 'subscription';
const sum = (rows: UsageRecord[]) => rows.reduce((total, r) => total + r.costNano, 0);

/** What the glance and the overview must show for the seeded rows. */
export function expectedFigures(seeded: Seeded) {
  const { records, period, todayStart } = seeded;
  const inPeriod = records.filter((r) => r.time >= period.startMs && r.time < period.endMs);
  const today = records.filter((r) => r.time >= todayStart && r.time < period.endMs);
  const monthSpendNano = sum(inPeriod.filter(isSpend));
  return {
    monthSpendNano,
    remainingNano: SEED_BUDGET_NANO - monthSpendNano,
    todaySpendNano: sum(today.filter(isSpend)),
    requestsToday: today.length,
    unpricedThisPeriod: inPeriod.filter((r) => !r.priced).length,
    /** The Requests page without filters: every row. */
    allRequests: records.length,
    allSpendNano: sum(records.filter(isSpend)),
    subscriptionRequests: records.filter((r) => r.billing === 'subscription').length,
  };
}
