import type { AppStatus } from '../../../../shared/api/contract.js';
import { ConnectLines } from '../../components/ConnectLines';
import { ProxyStatusLine } from '../../components/ProxyStatusLine';

export function ConnectSection({ status }: { status: AppStatus }) {
  return (
    <section className="card" id="connect">
      <div className="card-head">
        <h2>Connect your tools</h2>
        <ProxyStatusLine proxy={status.proxy} />
      </div>
      <p className="muted">
        Set these before starting Claude Code, an Anthropic or OpenAI SDK script, or an editor. Calls go through the local
        proxy untouched and are counted as they happen.
      </p>
      <ConnectLines proxy={status.proxy} />
      <p className="muted small">
        Other OpenAI-compatible providers: add them under Custom providers and use{' '}
        <code>{status.proxy.url ?? 'http://127.0.0.1:PORT'}/p/NAME/…</code>. Tag calls with an{' '}
        <code>X-Tokentally-Tag</code> header or a <code>/t/TAG/</code> path prefix.
      </p>
    </section>
  );
}
