/**
 * Usage over any period grouped by model, provider, tag, billing mode, source, project or machine, each
 * group with its spend per bucket (a day, or a month for long ranges). Summed by aggregate.ts over
 * the rollups, so all time over a million calls answers as fast as a week; by project or machine
 * (no rollup has them) over the period's rows.
 */
import type { Day } from '../../../shared/api/contract.js';
import type { UsageGroup, UsageGroupBy, UsageGroupsReport } from '../../../shared/api/contract-groups.js';
import { bucketFor, bucketsOf } from '../../../shared/report/date-range.js';
import { addDays, dayOf, startOfDay } from '../../../shared/time/zoned.js';
import { aggregateMoney, type GroupColumn, type MoneyRow, type Period } from './aggregate.js';
import { cachedStatement } from './statement-cache.js';
import type { Db } from './open-database.js';
import { checkOrder, dayArg, zoneArg } from './query-args.js';

/** The ledger columns of each grouping; billing is always read too, to keep plan usage apart from spend. */
const COLUMNS: Record<UsageGroupBy, GroupColumn[]> = {
  model: ['provider', 'model'],
  provider: ['provider'],
  tag: ['tag'],
  billing: [],
  source: ['source'],
  project: ['project'],
  device: ['device'],
};

/** The day of the ledger's first call in the zone, or null when it holds none. */
function firstUsageDay(db: Db, tz: string): Day | null {
  const row = cachedStatement(db, 'SELECT MIN(time) AS first FROM usage').get() as { first: number | null };
  return row.first === null ? null : dayOf(row.first, tz);
}

export interface UsageGroupsArgs {
  since?: Day;
  until?: Day;
  tz: string;
  groupBy: UsageGroupBy;
  now: number;
}

function groupValue(groupBy: UsageGroupBy, row: MoneyRow): string | null {
  switch (groupBy) {
    case 'model':
      return row.model!;
    case 'provider':
      return row.provider!;
    case 'tag':
      return row.tag || null;
    case 'billing':
      return row.billing!;
    case 'source':
      return row.source!;
    case 'project':
      return row.project ?? null;
    case 'device':
      return row.device ?? null;
  }
}

export function usageGroups(db: Db, q: UsageGroupsArgs): UsageGroupsReport {
  const tz = zoneArg(q.tz);
  const today = dayOf(q.now, tz);
  const firstDay = firstUsageDay(db, tz);
  const since = q.since === undefined ? (firstDay !== null && firstDay < today ? firstDay : today) : dayArg('since', q.since);
  const until = q.until === undefined ? today : dayArg('until', q.until);
  checkOrder(since, until);
  const bucket = bucketFor({ since, until });
  const buckets = bucketsOf({ since, until }, bucket);
  const index = new Map(buckets.map((b, i) => [b.key, i]));
  const periods: Period[] = buckets.map((b) => ({ key: b.key, from: startOfDay(b.since, tz), to: startOfDay(addDays(b.until, 1), tz) }));

  const columns = COLUMNS[q.groupBy];
  const groups = new Map<string, UsageGroup>();
  for (const row of aggregateMoney(db, periods, {}, [...columns, 'billing'])) {
    const value = groupValue(q.groupBy, row);
    const provider = q.groupBy === 'model' ? row.provider : undefined;
    const id = JSON.stringify([provider ?? null, value]);
    let group = groups.get(id);
    if (!group) {
      group = { value, requests: 0, spendNano: 0, subscriptionNano: 0, unpriced: 0, series: buckets.map(() => ({ spendNano: 0, subscriptionNano: 0 })) };
      if (provider !== undefined) group.provider = provider;
      groups.set(id, group);
    }
    const plan = row.billing === 'subscription' ? row.costNano : 0;
    group.requests += row.requests;
    group.unpriced += row.unpriced;
    group.spendNano += row.spendNano;
    group.subscriptionNano += plan;
    const point = group.series[index.get(row.key)!]!;
    point.spendNano += row.spendNano;
    point.subscriptionNano += plan;
  }
  const sorted = [...groups.values()].sort(
    (a, b) => b.spendNano + b.subscriptionNano - (a.spendNano + a.subscriptionNano) || b.requests - a.requests || String(a.value).localeCompare(String(b.value)),
  );
  return { since, until, tz, groupBy: q.groupBy, bucket, buckets: buckets.map((b) => b.key), firstDay, groups: sorted };
}
