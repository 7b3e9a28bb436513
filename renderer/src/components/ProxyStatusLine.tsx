import type { ProxyStatus } from '../../../shared/api/contract.js';

export function ProxyStatusLine({ proxy }: { proxy: ProxyStatus }) {
  const state = proxy.listening ? 'ok' : proxy.error ? 'error' : 'off';
  const text = proxy.listening
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
