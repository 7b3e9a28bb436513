import type { ProxyStatus } from '../../../shared/api/contract.js';
import { useConnection } from '../state/connection';

/**
 * The proxy's state as last reported by the core. While the core does not answer, that report is
 * old news: the line says so (grey) instead of keeping a green "Proxy on …" for a proxy that may
 * have stopped with it.
 */
export function ProxyStatusLine({ proxy }: { proxy: ProxyStatus }) {
  const offline = useConnection((s) => s.offline) !== null;
  const state = offline ? 'off' : proxy.listening ? 'ok' : proxy.error ? 'error' : 'off';
  const text = offline
    ? 'Proxy: no answer from Tokentally'
    : proxy.listening
      ? `Proxy on ${proxy.url?.replace(/^https?:\/\//, '') ?? `port ${proxy.port}`}`
      : proxy.error
        ? `Proxy stopped: ${proxy.error}`
        : 'Proxy is off';
  return (
    <div className={`proxy-status proxy-${state}`} data-testid="proxy-status" title={text}>
      <span className="dot" aria-hidden="true" />
      <span>{text}</span>
    </div>
  );
}
