import { ApiError, type KeyKind } from '../../../shared/api/contract.js';
import type { ProvidersApi } from '../../../shared/api/contract-providers.js';
import { validateKeyText } from '../../../shared/keys/mask-key.js';
import { normalizeProviderName } from '../../../shared/keys/provider-name.js';
import { providerInfo } from '../../../shared/providers/index.js';
import { optionalDayArg } from '../ledger/query-args.js';
import { createPollScheduler, keyStoreAccess, listBalances, type PollScheduler } from '../pollers/index.js';
import { defaultReconcileDays, reconciliationRows } from '../reconcile/index.js';
import type { ServiceContext } from './context.js';
import { oneOf, optionalString, requireObject, requireString } from './validate.js';

const KINDS: readonly KeyKind[] = ['api', 'admin'];

/** Sync status, poll now, key tests, reconciliation and balances (issue 6). */
export function providerHandlers(ctx: ServiceContext): ProvidersApi {
  // The core passes its running scheduler; a service built without one (tests, tools) polls on demand only.
  let fallback: PollScheduler | null = null;
  const pollers = (): PollScheduler =>
    ctx.pollers ??
    (fallback ??= createPollScheduler({
      db: ctx.db,
      keys: keyStoreAccess(ctx.keyStore),
      providers: ctx.providers,
      now: ctx.now,
      onChange: () => ctx.emit({ type: 'sync-changed' }),
    }));

  /** A provider the registry knows, or a bad_request listing the known ones. */
  const known = (name: string) => ctx.providers().registry.require(name).id;

  return {
    async listProviders() {
      return ctx.providers().registry.all().map(providerInfo);
    },
    async listProviderSync() {
      return pollers().statuses();
    },
    async pollProviders(args) {
      const a = requireObject(args, 'pollProviders');
      const provider = optionalString(a, 'provider');
      // The scheduler names the providers it polls when this is not one of them.
      await pollers().pollNow(provider === undefined ? undefined : normalizeProviderName(provider));
      return pollers().statuses();
    },
    async testProviderKey(args) {
      const a = requireObject(args, 'testProviderKey');
      const profile = ctx.providers().registry.require(requireString(a, 'provider'));
      const provider = profile.id;
      // The key the provider's reports need by default (an Admin key where reports need one).
      const kind = oneOf(a, 'kind', KINDS) ?? (profile.adminKey?.prefix ? 'admin' : 'api');
      const typed = optionalString(a, 'key');
      const key = typed !== undefined ? validateKeyText(typed) : ctx.keyStore.get(provider, kind);
      if (key === null) {
        return { provider, kind, ok: false, message: `No ${kind === 'admin' ? 'Admin' : 'API'} key is stored for ${provider}: add one first` };
      }
      return pollers().testKey(provider, kind, key);
    },
    async listReconciliation(query) {
      const q = requireObject(query, 'listReconciliation');
      const provider = optionalString(q, 'provider');
      const days = defaultReconcileDays({ since: optionalDayArg('since', q.since), until: optionalDayArg('until', q.until) }, ctx.now());
      if (days.since > days.until) throw new ApiError('bad_request', `since (${days.since}) is after until (${days.until})`);
      return reconciliationRows(ctx.db, { ...days, provider: provider === undefined ? undefined : known(provider) });
    },
    async listBalances() {
      return listBalances(ctx.db);
    },
  };
}
