import { useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import { FormMessage, useSaveAction } from '../../components/FormMessage';
import { ConfirmRemove } from '../../components/ConfirmRemove';
import { useSettings } from '../../state/settings';

export function CustomProvidersSection({ settings, proxyUrl }: { settings: Settings; proxyUrl: string | null }) {
  const update = useSettings((s) => s.update);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [message, run] = useSaveAction();
  const providers = settings.customProviders;

  const add = async (e: React.FormEvent) => {
    e.preventDefault();
    const ok = await run(() => update({ customProviders: [...providers, { name: name.trim().toLowerCase(), baseUrl: baseUrl.trim() }] }), 'Added.');
    if (ok) {
      setName('');
      setBaseUrl('');
    }
  };
  const remove = (victim: string) => void run(() => update({ customProviders: providers.filter((p) => p.name !== victim) }), 'Removed.');

  return (
    <section className="card">
      <div className="card-head">
        <h2>Custom providers</h2>
      </div>
      <p className="muted small">
        OpenAI-compatible APIs such as DeepSeek, Mistral, Groq, Gemini's OpenAI endpoint, or a local Ollama / LM Studio.
      </p>
      {providers.length > 0 && (
        <table className="table" data-testid="custom-providers">
          <thead>
            <tr>
              <th>Name</th>
              <th>Base URL</th>
              <th>Point your tool at</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {providers.map((p) => (
              <tr key={p.name}>
                <td className="mono">{p.name}</td>
                <td className="mono muted">{p.baseUrl}</td>
                <td className="mono">{`${proxyUrl ?? 'http://127.0.0.1:PORT'}/p/${p.name}`}</td>
                <td className="right">
                  <ConfirmRemove onConfirm={() => remove(p.name)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="form-row" onSubmit={(e) => void add(e)}>
        <label className="field">
          <span className="field-label">Name</span>
          <input name="providerName" placeholder="groq" value={name} onChange={(e) => setName(e.target.value)} required spellCheck={false} />
        </label>
        <label className="field field-grow">
          <span className="field-label">Base URL</span>
          <input name="providerUrl" type="url" placeholder="https://api.groq.com/openai/v1" value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} required spellCheck={false} />
        </label>
        <div className="form-actions">
          <button type="submit" className="btn">
            Add provider
          </button>
        </div>
      </form>
      <FormMessage message={message} />
    </section>
  );
}
