import type { TokentallyApi, UsageDetail } from '../../../shared/api/contract.js';
import { ApiError } from '../../../shared/api/contract.js';
import { priceStoredCall } from '../../../shared/pricing/index.js';
import { daysBetween, isValidTimeZone, parseDay } from '../../../shared/time/zoned.js';
import { BILLING_MODES, USAGE_SOURCES, USAGE_STATUSES } from '../../../shared/usage.js';
import { readCallBodies } from '../ledger/call-bodies.js';
import { USAGE_GROUP_BYS, type UsageGroupsReport } from '../../../shared/api/contract-groups.js';
import { dailySeries, getUsage, queryUsage, readSettings, requestStats, usageByModel, usageByTag, usageGroups } from '../ledger/index.js';
import type { ServiceContext } from './context.js';
import { deviceNames } from '../sync/device-usage.js';
import { readSyncSelf } from '../sync/sync-self.js';
import { oneOf, optionalInt, optionalString, requireObject } from './validate.js';
import { errorMessage } from '../../../shared/error-message.js';

type UsageHandlers = Pick<TokentallyApi, 'listUsage' | 'getUsage' | 'dailySeries' | 'usageByModel' | 'usageByTag' | 'usageGroups' | 'requestStats'>;

const MAX_SERIES_DAYS = 400;

export function usageHandlers(ctx: ServiceContext): UsageHandlers {
  const zone = (given: string | undefined) => {
    if (given === undefined) return readSettings(ctx.db).settings.timezone;
    if (!isValidTimeZone(given)) throw new ApiError('bad_request', `unknown time zone "${given}"`);
    return given;
  };
  /** The Requests page's filters (machine included), as listUsage and requestStats both read them. */
  const selection = (q: Record<string, unknown>) => ({
    since: day(q, 'since'),
    until: day(q, 'until'),
    tz: zone(optionalString(q, 'tz')),
    provider: optionalString(q, 'provider'),
    model: optionalString(q, 'model'),
    tag: optionalString(q, 'tag'),
    billing: oneOf(q, 'billing', BILLING_MODES),
    status: oneOf(q, 'status', USAGE_STATUSES),
    source: oneOf(q, 'source', USAGE_SOURCES),
    device: deviceFilter(ctx, q.device),
    project: optionalString(q, 'project'),
  });
  return {
    async listUsage(query) {
      const q = requireObject(query, 'the usage query');
      // Refused with a pointer to the cursor rather than ignored: a client paging by offset would loop.
      if (q.offset !== undefined && q.offset !== null) throw new ApiError('bad_request', 'offset is not supported: page with the nextCursor of the previous page (cursor)');
      return queryUsage(ctx.db, {
        ...selection(q),
        limit: optionalInt(q, 'limit', 1, 1000) ?? 100,
        cursor: optionalString(q, 'cursor'),
      });
    },

    async getUsage(args) {
      const id = optionalInt(requireObject(args, 'getUsage'), 'id', 1, Number.MAX_SAFE_INTEGER);
      if (id === undefined) throw new ApiError('bad_request', 'id is required');
      const record = getUsage(ctx.db, id);
      if (!record) return null;
      const settings = readSettings(ctx.db).settings;
      const computed = priceStoredCall(record, settings.priceOverrides);
      // The stored cost is the one that was charged (a provider-reported cost wins); the
      // breakdown shows how today's price data splits it.
      const detail: UsageDetail = {
        record,
        breakdown: { ...computed, totalNano: record.costNano, costSource: record.costSource, priced: record.priced, priceVersion: record.priceVersion },
        bodies: record.externalId ? readCallBodies(ctx.db, record.externalId) : null,
      };
      return detail;
    },

    async dailySeries(query) {
      const q = requireObject(query, 'the series query');
      const { since, until } = dayRange(q);
      if (daysBetween(since, until) >= MAX_SERIES_DAYS) throw new ApiError('bad_request', `at most ${MAX_SERIES_DAYS} days at a time`);
      return dailySeries(ctx.db, { since, until, tz: zone(optionalString(q, 'tz')) });
    },

    async usageByModel(query) {
      const q = requireObject(query, 'the by-model query');
      const { since, until } = dayRange(q);
      return usageByModel(ctx.db, { since, until, tz: zone(optionalString(q, 'tz')) });
    },

    async usageByTag(query) {
      const q = requireObject(query, 'the by-tag query');
      const { since, until } = dayRange(q);
      return usageByTag(ctx.db, { since, until, tz: zone(optionalString(q, 'tz')) });
    },

    async usageGroups(query) {
      const q = requireObject(query, 'the groups query');
      const groupBy = oneOf(q, 'groupBy', USAGE_GROUP_BYS);
      if (groupBy === undefined) throw new ApiError('bad_request', `groupBy is required: one of ${USAGE_GROUP_BYS.join(', ')}`);
      // Either end may be left out: from the first call (all time), to today.
      const report = usageGroups(ctx.db, { since: day(q, 'since'), until: day(q, 'until'), tz: zone(optionalString(q, 'tz')), groupBy, now: ctx.now() });
      return groupBy === 'device' ? nameDevices(ctx, report) : report;
    },

    async requestStats(query) {
      const q = requireObject(query, 'the request stats query');
      return requestStats(ctx.db, { ...selection(q), now: ctx.now() });
    },
  };
}

/** A device filter: this installation's own id means its own rows (stored without a device). */
function deviceFilter(ctx: ServiceContext, v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError('bad_request', 'device must be a device id');
  return v === '' || v === readSyncSelf(ctx.db).deviceId ? '' : v;
}

/** Machines by name (sync): this installation's own calls (value null) and each other device's. */
function nameDevices(ctx: ServiceContext, report: UsageGroupsReport): UsageGroupsReport {
  const self = readSyncSelf(ctx.db);
  const names = deviceNames(ctx.db);
  return { ...report, groups: report.groups.map((g) => ({ ...g, label: g.value === null ? `${self.deviceName || 'this machine'} (this machine)` : (names.get(g.value) ?? g.value.slice(0, 8)) })) };
}

/** Both ends required, in order. */
export function dayRange(q: Record<string, unknown>): { since: string; until: string } {
  const since = day(q, 'since');
  const until = day(q, 'until');
  if (!since || !until) throw new ApiError('bad_request', 'since and until are required (YYYY-MM-DD)');
  if (since > until) throw new ApiError('bad_request', `since ${since} is after until ${until}`);
  return { since, until };
}

function day(q: Record<string, unknown>, key: string): string | undefined {
  const v = optionalString(q, key);
  if (v === undefined) return undefined;
  try {
    return parseDay(v);
  } catch (err) {
    throw new ApiError('bad_request', `${key}: ${errorMessage(err)}`);
  }
}
