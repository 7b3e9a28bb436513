import type { Summary } from '../../../../shared/api/contract.js';
import { formatTime } from '../../lib/dates';
import { formatRelative } from '../../lib/relative-time';

/**
 * The last budget alert, while it still holds (the core leaves out one a change has overtaken). A
 * cap's alert holds only while its cap refuses calls, and GlanceCap at the top says so already.
 */
export function GlanceAlert({ summary: s }: { summary: Summary }) {
  const alert = s.lastAlert;
  if (!alert || alert.kind === 'cap') return null;
  return (
    <section className="glance-alerts">
      <div className={`glance-alert alert-${alert.kind}`} data-testid="last-alert" title={formatTime(alert.at, s.tz)}>
        <span className="alert-dot" aria-hidden="true" />
        <span className="glance-alert-text">{alert.message}</span>
        <span className="muted small nowrap">{formatRelative(alert.at, s.now)}</span>
      </div>
    </section>
  );
}
