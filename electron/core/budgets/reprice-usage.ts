/**
 * "Re-price my last N days on another model": the ledger's token counts, by model, priced at a
 * target model's rates. Summed in SQL per model, billing mode and long-context side (the tier
 * applies per request, so requests above the target's threshold are summed apart), then priced
 * once per group with exact integer arithmetic. Token kinds carry over as they are (a cache read
 * stays a cache read).
 */
import { ApiError, type Day } from '../../../shared/api/contract.js';
import type { RepriceResult, RepriceRow } from '../../../shared/api/contract-budgets.js';
import type { PriceOverride } from '../../../shared/api/contract.js';
import { costAtRates, ratesFor, type KindRates } from '../../../shared/pricing/index.js';
import { addDays, dayOf, dayRange } from '../../../shared/time/zoned.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';

const MAX_REPRICE_DAYS = 366;

export interface RepriceQuery {
  days: number;
  provider: string;
  model: string;
  includeSubscription: boolean;
  tz: string;
  now: number;
  overrides: readonly PriceOverride[];
  /** Only this model's calls are re-priced. */
  from?: { provider: string; model: string };
}

interface GroupRow {
  provider: string;
  model: string;
  billing: string;
  long: number;
  requests: number;
  input: number;
  cw5m: number;
  cw1h: number;
  cacheRead: number;
  output: number;
  reasoning: number;
  webSearch: number;
  cost: number;
}

const SQL = `
SELECT provider, model, billing,
  (input_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens) > @threshold AS long,
  COUNT(*) AS requests, SUM(input_tokens) AS input, SUM(cache_write_5m_tokens) AS cw5m, SUM(cache_write_1h_tokens) AS cw1h,
  SUM(cache_read_tokens) AS cacheRead, SUM(output_tokens) AS output, SUM(reasoning_tokens) AS reasoning,
  SUM(web_search_requests) AS webSearch, SUM(cost_nano) AS cost
FROM usage
WHERE time >= @from AND time < @to AND status <> 'blocked' AND (billing <> 'subscription' OR @withSubscription = 1)
  AND (@fromModel IS NULL OR (provider = @fromProvider AND model = @fromModel))
GROUP BY provider, model, billing, long`;

/** The calls of the period a "from" choice leaves out: counted, not re-priced. */
const UNTOUCHED_SQL = `
SELECT COUNT(*) AS requests, COALESCE(SUM(cost_nano), 0) AS cost FROM usage
WHERE time >= @from AND time < @to AND status <> 'blocked' AND (billing <> 'subscription' OR @withSubscription = 1)
  AND NOT (provider = @fromProvider AND model = @fromModel)`;

export function repriceUsage(db: Db, q: RepriceQuery): RepriceResult {
  if (!Number.isInteger(q.days) || q.days < 1 || q.days > MAX_REPRICE_DAYS) {
    throw new ApiError('bad_request', `days must be a whole number from 1 to ${MAX_REPRICE_DAYS}`);
  }
  const target = ratesFor(q.provider, q.model, new Date(q.now), q.overrides);
  if (!target) throw new ApiError('bad_request', `no price for ${q.provider} / ${q.model}: pick a model the price data knows, or add a price override`);
  const until: Day = dayOf(q.now, q.tz);
  const since: Day = addDays(until, -(q.days - 1));
  const range = dayRange(since, until, q.tz);
  const params = {
    from: range.from,
    to: range.to,
    withSubscription: q.includeSubscription ? 1 : 0,
    fromProvider: q.from?.provider ?? null,
    fromModel: q.from?.model ?? null,
  };
  const groups = cachedStatement(db, SQL).all({ ...params, threshold: target.longContext?.threshold ?? Number.MAX_SAFE_INTEGER }) as GroupRow[];
  // Calls already on the target keep what they cost: re-pricing them at the same rates could only
  // show tier or rounding noise as a saving.
  const onTarget = (g: GroupRow) => g.provider === q.provider && (g.model === q.model || g.model === target.matchedModel);

  const byModel = new Map<string, RepriceRow>();
  for (const g of groups) {
    const rates: KindRates = g.long && target.longContext ? target.longContext : target;
    const tokens = {
      inputTokens: g.input,
      cacheWrite5mTokens: g.cw5m,
      cacheWrite1hTokens: g.cw1h,
      cacheReadTokens: g.cacheRead,
      outputTokens: g.output,
      reasoningTokens: g.reasoning,
      webSearchRequests: g.webSearch,
    };
    const same = onTarget(g);
    const repriced = same ? g.cost : costAtRates(tokens, g.requests, { ...rates, webSearchPerThousand: target.webSearchPerThousand, requestFeePerThousand: target.requestFeePerThousand }, g.billing === 'batch');
    const id = `${g.provider}\u0000${g.model}`;
    const row: RepriceRow = byModel.get(id) ?? { provider: g.provider, model: g.model, requests: 0, actualNano: 0, repricedNano: 0, ...(same ? { unchanged: true } : {}) };
    row.requests += g.requests;
    row.actualNano += g.cost;
    row.repricedNano += repriced;
    byModel.set(id, row);
  }
  const rows = [...byModel.values()].sort((a, b) => b.actualNano - a.actualNano || a.model.localeCompare(b.model));
  const result: RepriceResult = {
    since,
    until,
    target: { provider: q.provider, model: q.model, matchedModel: target.matchedModel },
    rows,
    actualNano: rows.reduce((s, r) => s + r.actualNano, 0),
    repricedNano: rows.reduce((s, r) => s + r.repricedNano, 0),
  };
  if (q.from) {
    const rest = cachedStatement(db, UNTOUCHED_SQL).get(params) as { requests: number; cost: number };
    result.from = q.from;
    result.untouched = { requests: rest.requests, costNano: rest.cost };
  }
  return result;
}
