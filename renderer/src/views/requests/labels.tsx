import type { BillingMode, UsageStatus } from '../../../../shared/usage.js';

export function BillingBadge({ billing }: { billing: BillingMode }) {
  if (billing === 'api') return <span className="muted">API</span>;
  return <span className={`badge badge-${billing === 'batch' ? 'info' : 'plan'}`}>{billing === 'batch' ? 'batch' : 'plan'}</span>;
}

export function StatusBadge({ status }: { status: UsageStatus }) {
  if (status === 'ok') return <span className="status-ok">ok</span>;
  const tone = status === 'incomplete' ? 'warn' : 'danger';
  return <span className={`badge badge-${tone}`}>{status}</span>;
}
