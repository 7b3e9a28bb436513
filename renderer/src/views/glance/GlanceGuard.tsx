import type { Summary } from '../../../../shared/api/contract.js';
import { formatRelative } from '../../lib/relative-time';
import { useGuard } from '../../state/guard';
import { useSummary } from '../../state/summary';

/**
 * The loop guard in the glance, said first: tags it paused (their calls are being refused), each
 * with Resume; else its latest alarm of the day (a loop it did not pause: auto-pause is off there).
 */
export function GlanceGuard({ summary }: { summary: Summary }) {
  const paused = summary.guardPaused ?? [];
  const alarm = summary.guardAlarm ?? null;
  if (paused.length === 0 && (alarm === null || alarm.paused)) return null;
  return (
    <section className="glance-section" data-testid="glance-guard">
      {paused.map((p) => (
        <p key={p.tag ?? ''} className="notice notice-error small">
          <strong>{p.tag ?? 'Untagged calls'}</strong> paused by the loop guard: {p.reason}.{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void useGuard.getState().resume(p.tag).then(() => useSummary.getState().load())}
          >
            Resume
          </button>
        </p>
      ))}
      {paused.length === 0 && alarm !== null && (
        <p className="notice notice-warn small" data-testid="glance-guard-alarm">
          Loop guard: {alarm.message} <span className="muted nowrap">{formatRelative(Date.parse(alarm.at), summary.now)}</span>
        </p>
      )}
    </section>
  );
}
