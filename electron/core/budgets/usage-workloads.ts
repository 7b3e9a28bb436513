/**
 * The planner's "start from my last 30 days": the ledger's sums per model over the last days,
 * made into workloads by shared/planner/from-usage.ts.
 */
import type { WorkloadRow } from '../../../shared/api/contract-budgets.js';
import { workloadsFromUsage, type ModelSums } from '../../../shared/planner/from-usage.js';
import { addDays, dayOf, startOfDay } from '../../../shared/time/zoned.js';
import { aggregate } from '../ledger/aggregate.js';
import type { Db } from '../ledger/open-database.js';

export function usageWorkloads(db: Db, q: { days: number; tz: string; now: number }): WorkloadRow[] {
  const until = dayOf(q.now, q.tz);
  const since = addDays(until, -(q.days - 1));
  const range = { key: '', from: startOfDay(since, q.tz), to: startOfDay(addDays(until, 1), q.tz) };
  const sums = new Map<string, ModelSums>();
  for (const row of aggregate(db, [range], {}, ['provider', 'model', 'billing'])) {
    const id = `${row.provider}\u0000${row.model}`;
    const s = sums.get(id) ?? { provider: row.provider!, model: row.model!, requests: 0, batchRequests: 0, inputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, outputTokens: 0 };
    s.requests += row.requests;
    if (row.billing === 'batch') s.batchRequests += row.requests;
    s.inputTokens += row.inputTokens;
    s.cacheWriteTokens += row.cacheWrite5mTokens + row.cacheWrite1hTokens;
    s.cacheReadTokens += row.cacheReadTokens;
    // Reasoning is billed as output.
    s.outputTokens += row.outputTokens + row.reasoningTokens;
    sums.set(id, s);
  }
  return workloadsFromUsage([...sums.values()], q.days);
}
