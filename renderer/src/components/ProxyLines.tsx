import type { ProxyStatus } from '../../../shared/api/contract.js';
import { CopyLine } from './CopyLine';

/** The environment lines that point Claude Code, the SDKs and OpenAI clients at the proxy. */
export function proxyEnvLines(proxyUrl: string): string[] {
  const base = proxyUrl.replace(/\/+$/, '');
  return [`ANTHROPIC_BASE_URL=${base}/anthropic`, `OPENAI_BASE_URL=${base}/openai/v1`];
}

export function ProxyLines({ proxy }: { proxy: ProxyStatus | null }) {
  if (!proxy) return null;
  if (!proxy.url) {
    return <p className="notice notice-warn">The proxy is not running{proxy.error ? `: ${proxy.error}` : '.'}</p>;
  }
  return (
    <div className="copy-lines">
      {proxyEnvLines(proxy.url).map((line) => (
        <CopyLine key={line} text={line} />
      ))}
    </div>
  );
}
