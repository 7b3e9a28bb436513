/**
 * The reconciliation by kind of cost (issue 14.6): the provider's cost lines beside the proxy's rows
 * split the same way, per UTC day and model (shared/reconcile/explain-gap.ts says where the gap is).
 * A proxy row's web search part is what its breakdown charges for searches; the rest is tokens, or
 * long-context tokens when its long-context tier applied. Model ids are compared as the price data
 * knows them, so "claude-sonnet-4-5-20250929" in the report and the ledger is one model.
 */
import type { Day } from '../../../shared/api/contract.js';
import { matchModel, priceStoredCall } from '../../../shared/pricing/index.js';
import { costKindOf, explainGaps, type CostPart, type DayGap } from '../../../shared/reconcile/explain-gap.js';
import { addDays, dayOf, startOfDay } from '../../../shared/time/zoned.js';
import type { Db } from '../ledger/open-database.js';
import { rowToRecord, USAGE_SELECT, type UsageRow } from '../ledger/usage-row.js';
import { costLinesBetween } from './cost-lines.js';

function modelKey(provider: string, model: string): string {
  if (model === '') return '';
  return matchModel(provider, model)?.modelId ?? model;
}

export function gapsByKind(db: Db, q: { provider: string; since: Day; until: Day }): DayGap[] {
  const from = startOfDay(q.since, 'UTC');
  const to = startOfDay(addDays(q.until, 1), 'UTC');
  const reported: CostPart[] = costLinesBetween(db, { provider: q.provider, from, to }).map((l) => ({
    day: dayOf(l.bucketStart, 'UTC'),
    model: modelKey(q.provider, l.model),
    kind: costKindOf(l.costType, l.contextWindow),
    nano: l.costNano,
  }));
  const rows = db
    .prepare(`SELECT ${USAGE_SELECT} FROM usage WHERE provider = ? AND source = 'proxy' AND billing <> 'subscription' AND time >= ? AND time < ? AND cost_nano > 0`)
    .all(q.provider, from, to) as UsageRow[];
  const logged: CostPart[] = [];
  for (const row of rows) {
    const r = rowToRecord(row);
    const b = priceStoredCall(r);
    const day = dayOf(r.time, 'UTC');
    const model = modelKey(r.provider, r.model);
    const search = Math.min(r.costNano, b.webSearchNano);
    if (search > 0) logged.push({ day, model, kind: 'web_search', nano: search });
    logged.push({ day, model, kind: b.longContext ? 'long_context' : 'tokens', nano: r.costNano - search });
  }
  return explainGaps(reported, logged);
}
