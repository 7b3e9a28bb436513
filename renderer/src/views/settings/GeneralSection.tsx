import { useMemo, useState } from 'react';
import type { ProxyStatus, Settings } from '../../../../shared/api/contract.js';
import { SaveActions, useSaveAction } from '../../components/FormMessage';
import { useSettings } from '../../state/settings';
import { timeZones } from '../../lib/time-zones';

export function GeneralSection({ settings, proxy }: { settings: Settings; proxy: ProxyStatus }) {
  const update = useSettings((s) => s.update);
  const [timezone, setTimezone] = useState(settings.timezone);
  const [port, setPort] = useState(String(settings.proxyPort));
  const [cors, setCors] = useState(settings.proxyCors);
  const [message, run] = useSaveAction();
  const zones = useMemo(timeZones, []);
  const dirty = timezone !== settings.timezone || port !== String(settings.proxyPort) || cors !== settings.proxyCors;

  const save = (e: React.FormEvent) => {
    e.preventDefault();
    const proxyPort = Number(port);
    if (!Number.isInteger(proxyPort) || proxyPort < 1 || proxyPort > 65535) {
      void run(async () => 'The port is a whole number from 1 to 65535.');
      return;
    }
    void run(() => update({ timezone: timezone.trim(), proxyPort, proxyCors: cors }));
  };

  return (
    <section className="card">
      <div className="card-head">
        <h2>General</h2>
      </div>
      <form className="form-grid" onSubmit={save}>
        <label className="field">
          <span className="field-label">Time zone</span>
          <input name="timezone" list="tt-zones" value={timezone} onChange={(e) => setTimezone(e.target.value)} spellCheck={false} />
          <datalist id="tt-zones">
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
          <span className="field-hint">Decides where a day and a month begin.</span>
        </label>
        <label className="field">
          <span className="field-label">Proxy port</span>
          <input name="proxyPort" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
          <span className="field-hint">127.0.0.1 only. Takes effect when the proxy restarts.</span>
          <PortInForce proxy={proxy} setting={settings.proxyPort} />
        </label>
        <label className="check">
          <input type="checkbox" checked={cors} onChange={(e) => setCors(e.target.checked)} />
          <span>
            Send CORS headers from the proxy
            <span className="muted small block">Only for browser-based tools on this machine; off by default.</span>
          </span>
        </label>
        <SaveActions dirty={dirty} message={message} />
      </form>
    </section>
  );
}

/** The port the proxy is on now, which is not always the stored one (`serve --port`, a change not yet restarted). */
function PortInForce({ proxy, setting }: { proxy: ProxyStatus; setting: number }) {
  if (!proxy.listening || proxy.port === null) {
    return (
      <span className="field-hint in-force in-force-env" data-testid="port-in-force">
        In force: the proxy is not listening{proxy.error ? ` (${proxy.error})` : ''}.
      </span>
    );
  }
  return (
    <span className={`field-hint in-force${proxy.port !== setting ? ' in-force-env' : ''}`} data-testid="port-in-force">
      In force: listening on <code>{proxy.port}</code>
      {proxy.port === setting ? '.' : ` now, not ${setting}: this run was started on another port (serve --port), or the setting changed since it started.`}
    </span>
  );
}
