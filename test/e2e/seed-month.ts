/**
 * A ledger with six weeks of usage up to `now` for the budget, planner and break-even test:
 * API calls every day (spend, uneven so the linear and robust projections differ), Claude Code
 * subscription usage (imported) and a little ChatGPT plan usage, budgets (overall, a provider, a
 * tag) and two plans the user pays for. The rows come back so the test can compute every figure
 * from them with the shared pure functions.
 */
import type { Budget } from '../../shared/api/contract.js';
import type { Subscription } from '../../shared/api/contract-subscriptions.js';
import { startOfDay, addDays, dayOf } from '../../shared/time/zoned.js';
import type { BillingMode, NewUsageRecord, TokenCounts, UsageRecord } from '../../shared/usage.js';
import { fillLedger, pricedRecord } from '../support/seed.js';
import { seededRandom } from '../support/seeded-random.js';

export const MONTH_TZ = 'UTC';
const HISTORY_DAYS = 45;

export const MONTH_BUDGETS: Budget[] = [
  { scope: 'overall', scopeValue: null, monthlyNano: 30_000_000_000, hard: false, resetDay: 1, tz: MONTH_TZ, alerts: [50, 75, 90] },
  { scope: 'provider', scopeValue: 'openai', monthlyNano: 40_000_000_000, hard: true, resetDay: 1, tz: MONTH_TZ, alerts: [50, 75, 90] },
  { scope: 'tag', scopeValue: 'ci', monthlyNano: 4_000_000_000, hard: false, resetDay: 1, tz: MONTH_TZ, alerts: [80] },
];

export const MONTH_SUBSCRIPTIONS: Subscription[] = [
  { plan: 'claude-max-5x', name: 'Claude Max 5×', provider: 'anthropic', monthlyNano: 100_000_000_000, seats: 1, renewalDay: 9, since: null },
  { plan: 'chatgpt-plus', name: 'ChatGPT Plus', provider: 'openai', monthlyNano: 20_000_000_000, seats: 1, renewalDay: 1, since: null },
];

interface Call {
  provider: string;
  model: string;
  billing: BillingMode;
  tag: string | null;
  tokens: Partial<TokenCounts>;
}

function callsOfDay(dayIndex: number, rand: () => number): Call[] {
  const calls: Call[] = [];
  // A busier stretch now and then, so the median and the mean differ.
  const busy = dayIndex % 9 === 4 ? 3 : 1;
  for (let i = 0; i < 3 * busy; i++) {
    calls.push({
      provider: 'anthropic',
      model: 'claude-sonnet-4-20250514',
      billing: 'api',
      tag: 'agent',
      tokens: { inputTokens: 20_000 + Math.floor(rand() * 60_000), cacheReadTokens: Math.floor(rand() * 100_000), outputTokens: 1000 + Math.floor(rand() * 4000) },
    });
  }
  calls.push({ provider: 'openai', model: 'gpt-4.1', billing: 'api', tag: 'ci', tokens: { inputTokens: 30_000 + Math.floor(rand() * 40_000), outputTokens: 2000 + Math.floor(rand() * 2000) } });
  calls.push({ provider: 'openai', model: 'gpt-4o-mini', billing: 'batch', tag: 'evals', tokens: { inputTokens: 200_000, outputTokens: 20_000 } });
  for (let i = 0; i < 8; i++) {
    calls.push({
      provider: 'anthropic',
      model: i % 2 ? 'claude-opus-4-1-20250805' : 'claude-sonnet-4-5-20250929',
      billing: 'subscription',
      tag: null,
      tokens: { inputTokens: 50 + Math.floor(rand() * 200), cacheWrite1hTokens: 5000 + Math.floor(rand() * 20_000), cacheReadTokens: 80_000 + Math.floor(rand() * 200_000), outputTokens: 500 + Math.floor(rand() * 3000) },
    });
  }
  if (dayIndex % 5 === 0) calls.push({ provider: 'openai', model: 'gpt-5', billing: 'subscription', tag: null, tokens: { inputTokens: 8000, cacheReadTokens: 20_000, outputTokens: 3000 } });
  return calls;
}

export interface SeededMonth {
  records: UsageRecord[];
}

/** Seed `dataDir` with usage from 45 days ago up to (and never after) `now`. */
export function seedMonth(dataDir: string, now: number): SeededMonth {
  // The same ledger on every run, for the same `now`.
  const rand = seededRandom(20_251_123);
  const today = dayOf(now, MONTH_TZ);
  const news: NewUsageRecord[] = [];
  for (let d = HISTORY_DAYS; d >= 0; d--) {
    const day = addDays(today, -d);
    const from = startOfDay(day, MONTH_TZ);
    // Today's calls fall between midnight and now; earlier days' over the whole day.
    const span = d === 0 ? Math.max(1, now - from - 1000) : 86_400_000 - 1000;
    const calls = callsOfDay(HISTORY_DAYS - d, rand);
    calls.forEach((call, i) => {
      const time = from + Math.floor((span * (i + 0.5)) / calls.length);
      const source = call.billing === 'subscription' && call.provider === 'anthropic' ? 'import' : 'proxy';
      news.push(pricedRecord({ time, provider: call.provider, model: call.model, billing: call.billing, tag: call.tag, tokens: call.tokens, source, requestId: `req_month_${time}_${i}` }));
    });
  }

  return { records: fillLedger(dataDir, { settings: { timezone: MONTH_TZ, subscriptions: MONTH_SUBSCRIPTIONS }, budgets: MONTH_BUDGETS, usage: news }) };
}
