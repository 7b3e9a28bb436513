import { useState } from 'react';
import type { KeyKind } from '../../../../shared/api/contract.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ProviderOptions } from '../../components/ProviderOptions';
import { useKeys } from '../../state/keys';
import { useProviderCatalog } from '../../state/provider-catalog';
import { useProviders } from '../../state/providers';

/** Store a key (encrypted, in the core); or test it first without storing it. */
export function AddKeyForm({ providers, available }: { providers: readonly string[]; available: boolean }) {
  const setKey = useKeys((s) => s.setKey);
  // What the menu shows is what is used: the list may arrive after the first render (Settings
  // opened directly), so an untouched menu follows it instead of keeping an empty choice.
  const [chosen, setProvider] = useState<string | null>(null);
  const provider = chosen !== null && providers.includes(chosen) ? chosen : (providers[0] ?? '');
  const [kind, setKind] = useState<KeyKind>('api');
  const [secret, setSecret] = useState('');
  const [label, setLabel] = useState('');
  const [message, run] = useSaveAction();
  const byId = useProviderCatalog((s) => s.byId);
  const info = byId.get(provider);
  const adminAllowed = info?.keyKinds.includes('admin') ?? false;

  const store = async (e: React.FormEvent) => {
    e.preventDefault();
    const key = secret.trim();
    // Cleared before the call returns: the key lives in this form for as short a time as possible.
    setSecret('');
    const ok = await run(() => setKey(provider, kind, key, label.trim() || null), 'Stored, encrypted.');
    if (ok) {
      setLabel('');
      void useProviders.getState().load();
    }
  };
  const test = () =>
    void run(async () => {
      const r = await useProviders.getState().test(provider, kind, secret.trim());
      if ('error' in r) return r.error;
      return r.ok ? null : r.message;
    }, 'The key works. Store it to use it.');

  return (
    <form className="form-row form-row-wrap add-key" onSubmit={(e) => void store(e)} autoComplete="off">
      <label className="field">
        <span className="field-label">Provider</span>
        <select
          name="keyProvider"
          value={provider}
          onChange={(e) => {
            setProvider(e.target.value);
            if (!byId.get(e.target.value)?.keyKinds.includes('admin')) setKind('api');
          }}
        >
          <ProviderOptions providers={providers} />
        </select>
      </label>
      <label className="field">
        <span className="field-label">Kind</span>
        <select name="keyKind" value={kind} onChange={(e) => setKind(e.target.value as KeyKind)}>
          <option value="api">API key</option>
          {adminAllowed && <option value="admin">{info?.adminKeyLabel ?? 'Admin key'}</option>}
        </select>
      </label>
      <label className="field field-grow">
        <span className="field-label">Key</span>
        <input
          name="keySecret"
          type="password"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={kind === 'admin' ? (info?.adminKeyPrefix ? `${info.adminKeyPrefix}…` : '') : (info?.keyPlaceholder ?? '')}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          disabled={!available}
          required
        />
      </label>
      <label className="field">
        <span className="field-label">Label (optional)</span>
        <input name="keyLabel" placeholder="work" value={label} maxLength={60} onChange={(e) => setLabel(e.target.value)} spellCheck={false} />
      </label>
      <div className="form-actions">
        <button type="button" className="btn" disabled={!available || secret.trim() === ''} onClick={test}>
          Test
        </button>
        <button type="submit" className="btn btn-primary" disabled={!available || secret.trim() === ''}>
          Store key
        </button>
      </div>
      <div className="add-key-message">
        <FormMessage message={message} />
      </div>
    </form>
  );
}
