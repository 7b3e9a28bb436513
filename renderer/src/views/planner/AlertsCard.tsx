import { useState } from 'react';
import type { BudgetAlert } from '../../../../shared/api/contract-budgets.js';
import { budgetLabel } from '../../../../shared/budget/scope.js';
import { formatClock, formatTime } from '../../lib/dates';
import { formatRelative } from '../../lib/relative-time';
import { useNow } from '../../lib/use-now';
import { usePacing } from '../../state/pacing';
import { useSettings } from '../../state/settings';

const KIND_BADGE: Record<BudgetAlert['kind'], [string, string]> = {
  threshold: ['badge-warn', 'threshold'],
  projection: ['badge-info', 'projection'],
  cap: ['badge-danger', 'cap'],
};

/** Alerts raised so far (newest first) and the hard cap's one-hour lift. */
export function AlertsCard() {
  const { alerts, statuses, liftedUntil } = usePacing();
  const tz = useSettings((s) => s.settings?.timezone);
  const now = useNow(30_000);
  const hasHard = statuses?.some((s) => s.budget.hard) ?? false;

  return (
    <section className="card" data-testid="alerts-card">
      <div className="card-head">
        <h2>Alerts</h2>
        <span className="muted small">Once per threshold and period</span>
      </div>
      {hasHard && <CapControl liftedUntil={liftedUntil !== null && liftedUntil > now ? liftedUntil : null} tz={tz} capReached={statuses?.some((s) => s.capReached) ?? false} />}
      {!alerts ? (
        <p className="muted">Loading…</p>
      ) : alerts.length === 0 ? (
        <p className="muted small">No alerts yet. You are told when spend crosses a threshold or is projected past a budget.</p>
      ) : (
        <ul className="alert-list" data-testid="alert-list">
          {alerts.slice(0, 12).map((a) => (
            <li key={a.id}>
              <div className="alert-list-head">
                <span className={`badge ${KIND_BADGE[a.kind][0]}`}>{KIND_BADGE[a.kind][1]}</span>
                <span className="small muted">{budgetLabel(a.budget)}</span>
                <span className="small muted alert-when" title={formatTime(a.at, tz)}>
                  {formatRelative(a.at, now)}
                </span>
              </div>
              <div className="small">{a.message}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CapControl({ liftedUntil, tz, capReached }: { liftedUntil: number | null; tz: string | undefined; capReached: boolean }) {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: 'liftCap' | 'restoreCap') => setError(await usePacing.getState()[action]());
  return (
    <div className={`cap-control${liftedUntil ? ' cap-lifted' : capReached ? ' cap-holding' : ''}`} data-testid="cap-control">
      <div>
        <div className="strong">{liftedUntil ? `Hard caps lifted until ${formatClock(liftedUntil, tz)}` : capReached ? 'Hard cap: calls are being refused' : 'Hard caps hold'}</div>
        <div className="muted small">
          {liftedUntil ? 'Calls go through every hard-capped budget until then.' : 'Lifting lets calls through every hard cap for one hour.'}
        </div>
        {error && <div className="text-danger small">{error}</div>}
      </div>
      {liftedUntil ? (
        <button type="button" className="btn btn-small" onClick={() => void act('restoreCap')}>
          Restore now
        </button>
      ) : (
        <button type="button" className="btn btn-small" onClick={() => void act('liftCap')} data-testid="planner-lift-cap">
          Lift for 1 hour
        </button>
      )}
    </div>
  );
}
