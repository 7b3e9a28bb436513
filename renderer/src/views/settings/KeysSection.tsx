import { useEffect, useState } from 'react';
import type { KeyKind, KeyStoreStatus, Settings } from '../../../../shared/api/contract.js';
import { formatTime } from '../../lib/dates';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { useKeys } from '../../state/keys';

const BUILT_IN = ['anthropic', 'openai', 'openrouter'];

export function KeysSection({ keyStore, settings }: { keyStore: KeyStoreStatus; settings: Settings }) {
  const { keys, error, setKey, removeKey } = useKeys();
  const [provider, setProvider] = useState('anthropic');
  const [kind, setKind] = useState<KeyKind>('api');
  const [secret, setSecret] = useState('');
  const [message, run] = useSaveAction();
  useEffect(() => void useKeys.getState().load(), []);
  const providers = [...BUILT_IN, ...settings.customProviders.map((p) => p.name)];

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const key = secret.trim();
    // Cleared before the call returns: the key lives in this form for as short a time as possible.
    setSecret('');
    await run(() => setKey(provider, kind, key), 'Stored, encrypted.');
  };

  return (
    <section className="card">
      <div className="card-head">
        <h2>API keys</h2>
        <span className="muted small">{keyStore.backend === 'safeStorage' ? 'Encrypted by the OS keychain' : 'Encrypted with a local key file'}</span>
      </div>
      <p className="muted small">
        Calls that arrive without a key get the stored one, so tools need no key of their own. Admin keys read the
        providers' usage reports. Keys never leave the core: this page only sees a masked hint.
      </p>
      {keyStore.warning && <p className="notice notice-warn" data-testid="keystore-warning">{keyStore.warning}</p>}
      {error && <p className="notice notice-error">{error}</p>}
      {keys && keys.length > 0 && (
        <table className="table" data-testid="keys-table">
          <thead>
            <tr>
              <th>Provider</th>
              <th>Kind</th>
              <th>Key</th>
              <th>Updated</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={`${k.provider}/${k.kind}`}>
                <td>{k.provider}</td>
                <td className="muted">{k.kind === 'admin' ? 'admin' : 'API'}</td>
                <td className="mono">{k.hint}</td>
                <td className="muted num">{formatTime(k.updatedAt, settings.timezone)}</td>
                <td className="right">
                  <button type="button" className="btn btn-ghost btn-small" onClick={() => void run(() => removeKey(k.provider, k.kind), 'Removed.')}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {keys && keys.length === 0 && <p className="muted">No keys stored.</p>}
      <form className="form-row" onSubmit={(e) => void add(e)} autoComplete="off">
        <label className="field">
          <span className="field-label">Provider</span>
          <select name="keyProvider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Kind</span>
          <select name="keyKind" value={kind} onChange={(e) => setKind(e.target.value as KeyKind)}>
            <option value="api">API key</option>
            <option value="admin">Admin key</option>
          </select>
        </label>
        <label className="field field-grow">
          <span className="field-label">Key</span>
          <input
            name="keySecret"
            type="password"
            autoComplete="new-password"
            spellCheck={false}
            placeholder="sk-…"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            disabled={!keyStore.available}
            required
          />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn" disabled={!keyStore.available || secret.trim() === ''}>
            Store key
          </button>
        </div>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
