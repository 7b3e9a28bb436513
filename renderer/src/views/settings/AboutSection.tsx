import type { AppStatus } from '../../../../shared/api/contract.js';

export function AboutSection({ status }: { status: AppStatus }) {
  return (
    <section className="card">
      <div className="card-head">
        <h2>About</h2>
      </div>
      <dl className="facts facts-wide">
        <dt>Version</dt>
        <dd className="num">{status.version}</dd>
        <dt>Running as</dt>
        <dd>{status.mode === 'electron' ? 'desktop app' : 'headless server'}</dd>
        <dt>Data folder</dt>
        <dd className="mono wrap">{status.dataDir}</dd>
        <dt>Database</dt>
        <dd className="mono wrap">{status.databasePath}</dd>
        <dt>Price data</dt>
        <dd className="mono">{status.priceDataVersion}</dd>
      </dl>
    </section>
  );
}
