import { useEffect } from 'react';
import type { KeyStoreStatus, Settings } from '../../../../shared/api/contract.js';
import { useNow } from '../../lib/use-now';
import { useKeys } from '../../state/keys';
import { useProviderCatalog } from '../../state/provider-catalog';
import { useProviders } from '../../state/providers';
import { AddKeyForm } from './AddKeyForm';
import { ProviderBlock } from './ProviderBlock';


/** Keys per provider (add, test, remove) and each provider's usage report sync. */
export function ProvidersSection({ keyStore, settings }: { keyStore: KeyStoreStatus; settings: Settings }) {
  const { keys, error } = useKeys();
  const { sync, error: syncError } = useProviders();
  const now = useNow(15_000);
  useEffect(() => {
    void useKeys.getState().load();
    void useProviders.getState().load();
  }, []);

  const catalog = useProviderCatalog((s) => s.providers);
  const providers = [...new Set([...catalog.map((p) => p.id), ...(sync ?? []).map((s) => s.provider), ...settings.customProviders.map((p) => p.name), ...(keys ?? []).map((k) => k.provider)])];

  return (
    <section className="card" id="providers" data-testid="providers-section">
      <div className="card-head">
        <h2>Providers</h2>
        <span className="muted small">{keyStore.backend === 'safeStorage' ? 'Keys encrypted by the OS keychain' : 'Keys encrypted with a local key file'}</span>
      </div>
      <p className="muted small">
        Calls that arrive without a key get the stored API key, so tools need none of their own. The providers' own usage
        reports (where a provider has them) add spend the proxy never saw: other machines, CI, teammates. Keys
        never leave the core: this page only sees a masked hint.
      </p>
      {keyStore.warning && (
        <p className="notice notice-warn" data-testid="keystore-warning">
          {keyStore.warning}
        </p>
      )}
      {(error || syncError) && <p className="notice notice-error">{error ?? syncError}</p>}
      <div className="provider-list" data-testid="keys-table">
        {keys &&
          providers.map((p) => (
            <ProviderBlock key={p} provider={p} keys={keys.filter((k) => k.provider === p)} sync={sync?.find((s) => s.provider === p)} tz={settings.timezone} now={now} />
          ))}
      </div>
      <AddKeyForm providers={providers} available={keyStore.available} />
    </section>
  );
}
