import { useState } from 'react';
import type { Settings } from '../../../../shared/api/contract.js';
import type { UpstreamInForce } from '../../../../shared/api/contract-providers.js';
import { SaveActions, useSaveAction } from '../../components/FormMessage';
import { providerLabel } from '../../state/provider-catalog';
import { useSettings } from '../../state/settings';

/**
 * Where the proxy forwards each built-in provider: the stored setting to edit, and under it the
 * URL in force now. An environment variable (TOKENTALLY_UPSTREAM_<NAME>) overrides the setting:
 * then the line says so, because editing the field changes nothing until it is unset.
 */
export function UpstreamsSection({ settings, inForce }: { settings: Settings; inForce: readonly UpstreamInForce[] }) {
  const update = useSettings((s) => s.update);
  const [draft, setDraft] = useState<Record<string, string>>(settings.upstreams);
  const [message, run] = useSaveAction();
  const names = Object.keys(settings.upstreams).sort();
  const dirty = names.some((n) => draft[n] !== settings.upstreams[n]);
  // Routes only the environment names (a gateway, a test double) are in force too.
  const extra = inForce.filter((u) => !names.includes(u.provider) && u.origin === 'environment');

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    // The core replaces the whole map, so send every provider, changed or not.
    void run(() => update({ upstreams: Object.fromEntries(names.map((n) => [n, (draft[n] ?? '').trim()])) }));
  };

  return (
    <section className="card" id="upstreams" data-testid="upstreams-section">
      <div className="card-head">
        <h2>Upstream URLs</h2>
      </div>
      <p className="muted small">
        Where the proxy forwards each provider's calls: a corporate gateway can stand in here. The environment variable{' '}
        <code>TOKENTALLY_UPSTREAM_&lt;NAME&gt;</code> overrides these; each line below says which URL is in force now.
      </p>
      <form className="form-grid" onSubmit={save}>
        {names.map((name) => {
          const now = inForce.find((u) => u.provider === name);
          return (
            <label className="field field-wide" key={name}>
              <span className="field-label">
                {providerLabel(name)} <code>/{name}</code>
              </span>
              <input
                name={`upstream-${name}`}
                type="url"
                value={draft[name] ?? ''}
                onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
                spellCheck={false}
              />
              {now && <InForceLine upstream={now} />}
            </label>
          );
        })}
        <SaveActions dirty={dirty} message={message} />
      </form>
      {extra.length > 0 && (
        <ul className="upstream-extra small">
          {extra.map((u) => (
            <li key={u.provider}>
              <code>/{u.provider}</code> <InForceLine upstream={u} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InForceLine({ upstream: u }: { upstream: UpstreamInForce }) {
  return (
    <span className={`field-hint in-force${u.origin === 'environment' ? ' in-force-env' : ''}`} data-testid={`upstream-in-force-${u.provider}`}>
      In force: <code className="wrap">{u.url}</code>
      {u.origin === 'environment' ? (
        <>
          {' '}
          — set by <code>{u.envName}</code>, which overrides this setting (unset it to use the setting)
        </>
      ) : u.origin === 'default' ? (
        ' (the default)'
      ) : (
        ' (this setting)'
      )}
    </span>
  );
}
