/** The price list in force: what it is, downloading the published one, re-pricing stored calls. */
import { ApiError, type TokentallyApi } from '../../../shared/api/contract.js';
import { normalizeProviderName } from '../../../shared/keys/provider-name.js';
import { priceDataInfo } from '../../../shared/pricing/index.js';
import { addDays, parseDay, startOfDay } from '../../../shared/time/zoned.js';
import { readSettings } from '../ledger/index.js';
import { PRICE_DATA_URL, refreshPriceData } from '../prices/price-data-file.js';
import { repriceStored } from '../prices/reprice-stored.js';
import type { ServiceContext } from './context.js';
import { optionalString, requireObject, requireString } from './validate.js';
import { defaultReconcileDays } from '../reconcile/index.js';
import { optionalDayArg } from '../ledger/query-args.js';
import { gapsByKind } from '../reconcile/gaps-by-kind.js';
import { errorMessage } from '../../../shared/error-message.js';

export function priceDataHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'priceDataInfo' | 'refreshPriceData' | 'repriceStoredCalls' | 'reconciliationByKind'> {
  return {
    async priceDataInfo() {
      return priceDataInfo();
    },
    async refreshPriceData() {
      try {
        const result = await refreshPriceData({ dataDir: ctx.dataDir, url: ctx.priceDataUrl ?? PRICE_DATA_URL, now: ctx.now() });
        ctx.emit({ type: 'settings-changed' });
        return result;
      } catch (err) {
        throw new ApiError('unavailable', `${errorMessage(err)}; the price data in force is unchanged`);
      }
    },
    async repriceStoredCalls(args) {
      const a = (args ?? {}) as Record<string, unknown>;
      const tz = readSettings(ctx.db).settings.timezone;
      const day = (name: string) => {
        const v = optionalString(a, name);
        if (v === undefined) return undefined;
        try {
          return parseDay(v);
        } catch (err) {
          throw new ApiError('bad_request', `${name}: ${errorMessage(err)}`);
        }
      };
      const since = day('since');
      const until = day('until');
      const result = repriceStored(ctx.db, {
        from: since ? startOfDay(since, tz) : undefined,
        to: until ? startOfDay(addDays(until, 1), tz) : undefined,
        overrides: readSettings(ctx.db).settings.priceOverrides,
      });
      if (result.changed > 0) ctx.emit({ type: 'usage-changed', count: result.changed });
      return result;
    },
    async reconciliationByKind(args) {
      const a = requireObject(args, 'reconciliationByKind');
      const provider = normalizeProviderName(requireString(a, 'provider'));
      const days = defaultReconcileDays({ since: optionalDayArg('since', a.since), until: optionalDayArg('until', a.until) }, ctx.now());
      if (days.since > days.until) throw new ApiError('bad_request', `since (${days.since}) is after until (${days.until})`);
      return gapsByKind(ctx.db, { provider, ...days });
    },
  };
}
