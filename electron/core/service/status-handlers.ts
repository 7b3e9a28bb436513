import { ApiError, type TokentallyApi } from '../../../shared/api/contract.js';
import { priceDataInfo, priceUsage } from '../../../shared/pricing/index.js';
import { TOKEN_FIELDS, ZERO_TOKENS, type TokenCounts } from '../../../shared/usage.js';
import { readSettings } from '../ledger/index.js';
import { APP_VERSION } from '../version.js';
import type { ServiceContext } from './context.js';
import { upstreamsInForce } from '../proxy/upstreams-in-force.js';
import { optionalString, requireObject, requireString } from './validate.js';

export function statusHandlers(ctx: ServiceContext): Pick<TokentallyApi, 'getStatus' | 'quotePrice'> {
  return {
    async getStatus() {
      return {
        version: APP_VERSION,
        dataDir: ctx.dataDir,
        databasePath: ctx.databasePath,
        priceDataVersion: priceDataInfo().version,
        priceData: priceDataInfo(),
        mode: ctx.mode,
        proxy: ctx.proxyStatus(),
        keyStore: ctx.keyStore.status(),
        ledger: ctx.ledgerHealth?.() ?? { state: 'ok', message: null, since: null, kept: 0, lost: 0, recoveredAtStart: 0 },
        upstreams: upstreamsInForce(ctx.providers()),
      };
    },
    async quotePrice(args) {
      const a = requireObject(args, 'quotePrice');
      const tokens: TokenCounts = { ...ZERO_TOKENS };
      const given = requireObject(a.tokens, 'tokens');
      for (const field of TOKEN_FIELDS) {
        const v = given[field];
        if (v === undefined) continue;
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ApiError('bad_request', `tokens.${field} must be a non-negative number`);
        tokens[field] = v;
      }
      return priceUsage({
        provider: optionalString(a, 'provider') ?? '',
        model: requireString(a, 'model'),
        tokens,
        batch: a.batch === true,
        overrides: readSettings(ctx.db).settings.priceOverrides,
      });
    },
  };
}
