import type { Summary } from '../../../../shared/api/contract.js';
import { formatCountOf, formatUsd } from '../../../../shared/format.js';
import { pageHref } from '../../lib/route';

/** The savings advisor in one line: what the open findings add up to a month, and the largest. */
export function GlanceAdvisor({ summary }: { summary: Summary }) {
  const a = summary.advisor;
  if (!a || a.findings === 0) return null;
  return (
    <section className="glance-section" data-testid="glance-advisor">
      <div className="glance-section-head">
        <span className="label">Could save</span>
        <a className="small" href={pageHref('advisor')} target="_blank" rel="opener">
          {formatCountOf(a.findings, 'suggestion')} →
        </a>
      </div>
      <p className="small">
        <span className="num strong">{formatUsd(a.totalMonthlyNano)}</span> <span className="muted">a month</span>
        {a.top && <span className="muted block">{a.top.title}</span>}
      </p>
    </section>
  );
}
