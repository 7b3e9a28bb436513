import { useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import { SaveActions, useSaveAction } from '../../components/FormMessage';
import { useSettings } from '../../state/settings';

export function UpstreamsSection({ settings }: { settings: Settings }) {
  const update = useSettings((s) => s.update);
  const [draft, setDraft] = useState<Record<string, string>>(settings.upstreams);
  const [message, run] = useSaveAction();
  const names = Object.keys(settings.upstreams).sort();
  const dirty = names.some((n) => draft[n] !== settings.upstreams[n]);

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    // The core replaces the whole map, so send every provider, changed or not.
    void run(() => update({ upstreams: Object.fromEntries(names.map((n) => [n, (draft[n] ?? '').trim()])) }));
  };

  return (
    <section className="card">
      <div className="card-head">
        <h2>Upstream URLs</h2>
      </div>
      <p className="muted small">
        Where the proxy forwards each provider's calls: a corporate gateway can stand in here. The environment variable{' '}
        <code>TOKENTALLY_UPSTREAM_&lt;NAME&gt;</code> overrides these.
      </p>
      <form className="form-grid" onSubmit={save}>
        {names.map((name) => (
          <label className="field field-wide" key={name}>
            <span className="field-label">
              <code>/{name}</code>
            </span>
            <input
              name={`upstream-${name}`}
              type="url"
              value={draft[name] ?? ''}
              onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
              spellCheck={false}
            />
          </label>
        ))}
        <SaveActions dirty={dirty} message={message} />
      </form>
    </section>
  );
}
