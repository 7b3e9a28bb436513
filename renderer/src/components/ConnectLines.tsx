import { useState } from 'react';
import type { ProxyStatus } from '../../../shared/api/contract.js';
import type { ProviderInfo } from '../../../shared/api/contract-providers.js';
import { clientEnvLines, SHELLS, type ShellId } from '../../../shared/providers/client-env-lines.js';
import { useProviderCatalog } from '../state/provider-catalog';
import { CopyLine } from './CopyLine';

/** The shell a new user most likely pastes into. */
function guessShell(): ShellId {
  return typeof navigator !== 'undefined' && /win/i.test(navigator.platform) ? 'powershell' : 'posix';
}

/**
 * The lines that point tools at the proxy, from each provider's profile (clientEnv), for the
 * shell chosen (bash/zsh, fish, PowerShell) and, optionally, behind a tag. Every line is shown
 * whole (wrapped, never cut) with its own copy button.
 *
 * `providers`: which to show (ids); all the catalog has when omitted. `controls`: the shell and
 * tag choices (the glance's small first-run screen shows the bash lines only).
 */
export function ConnectLines({ proxy, providers, controls = true }: { proxy: ProxyStatus | null; providers?: readonly string[]; controls?: boolean }) {
  const catalog = useProviderCatalog((s) => s.providers);
  const [shell, setShell] = useState<ShellId>(guessShell);
  const [tag, setTag] = useState('');
  if (!proxy) return null;
  if (!proxy.url) {
    return <p className="notice notice-warn">The proxy is not running{proxy.error ? `: ${proxy.error}` : '.'}</p>;
  }
  const shown = providers ? catalog.filter((p) => providers.includes(p.id)) : catalog;
  const chosenShell = controls ? shell : 'posix';
  return (
    <div className="connect-lines" data-testid="connect-lines">
      {controls && (
        <div className="connect-controls">
          <nav className="segmented segmented-inline" aria-label="Shell">
            {SHELLS.map((s) => (
              <button key={s.id} type="button" className={s.id === shell ? 'active' : undefined} aria-pressed={s.id === shell} onClick={() => setShell(s.id)} data-shell={s.id}>
                {s.label}
              </button>
            ))}
          </nav>
          <label className="field field-compact connect-tag">
            <span className="field-label">Tag (optional)</span>
            <input name="connectTag" value={tag} placeholder="e.g. my-agent" maxLength={64} onChange={(e) => setTag(e.target.value)} spellCheck={false} />
          </label>
        </div>
      )}
      {shown.map((p) => (
        <ProviderLines key={p.id} provider={p} proxyUrl={proxy.url!} shell={chosenShell} tag={controls ? tag : ''} />
      ))}
    </div>
  );
}

function ProviderLines({ provider, proxyUrl, shell, tag }: { provider: ProviderInfo; proxyUrl: string; shell: ShellId; tag: string }) {
  const lines = clientEnvLines(provider, proxyUrl, shell, tag.trim() || null);
  if (lines.length === 0) return null;
  return (
    <div className="connect-provider" data-connect-provider={provider.id}>
      <div className="connect-provider-head small">
        <span className="strong">{provider.label}</span>
        <span className="muted"> · {lines.map((l) => l.usedBy).join('; ')}</span>
      </div>
      <div className="copy-lines">
        {lines.map((l) => (
          <CopyLine key={l.name} text={l.line} />
        ))}
      </div>
    </div>
  );
}
