import type { Summary } from '../../../../shared/api/contract.js';
import { useGuard } from '../../state/guard';
import { useSummary } from '../../state/summary';

/** Tags the loop guard paused: said first, with Resume, since their calls are being refused. */
export function GlanceGuard({ summary }: { summary: Summary }) {
  const paused = summary.guardPaused ?? [];
  if (paused.length === 0) return null;
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
    </section>
  );
}
