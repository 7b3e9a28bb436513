import { useState } from 'react';
import type { Summary } from '../../../../shared/api/contract.js';
import { formatUsd } from '../../../../shared/format.js';
import { formatClock } from '../../lib/dates';
import { usePacing } from '../../state/pacing';
import { useSummary } from '../../state/summary';

/**
 * The hard caps' state, said near the top of the glance: every cap refusing calls with the
 * one-hour lift, or the lift in force with Restore. While calls are refused this is the one
 * action that matters, so it must not sit below the fold of a 380×560 popover.
 */
export function GlanceCap({ summary: s }: { summary: Summary }) {
  const [error, setError] = useState<string | null>(null);
  const lifted = s.capLiftedUntil !== null && s.capLiftedUntil > s.now;
  // The gate's own rule, computed by the core: a hard cap that would refuse an ordinary call now.
  const caps = lifted ? [] : (s.refusingCaps ?? []);
  const capHolding = !lifted && (s.capRefusing === true || caps.length > 0);
  const act = async (action: 'liftCap' | 'restoreCap') => {
    setError(await usePacing.getState()[action]());
    void useSummary.getState().load();
  };

  if (!lifted && !capHolding) return null;
  return (
    <section className="glance-alerts" data-testid="glance-cap">
      {capHolding && (
        <div className="cap-block">
          {/* Every cap that refuses calls, whatever its scope: a tag's alert must not hide a provider's cap. */}
          <ul className="cap-list small" data-testid="refusing-caps">
            {caps.map((c) => (
              <li key={`${c.budget.scope}/${c.budget.scopeValue ?? ''}`} data-testid="refusing-cap">
                <span className="cap-name">{c.label}</span>
                <span className="num nowrap">
                  {formatUsd(c.spentNano)} of {formatUsd(c.capNano)}
                </span>
              </li>
            ))}
          </ul>
          <div className="cap-line small">
            <span data-testid="cap-refusing">{caps.length > 1 ? `${caps.length} hard caps: calls are being refused.` : 'Hard cap: calls are being refused.'}</span>
            <button type="button" className="btn btn-small" onClick={() => void act('liftCap')} data-testid="lift-cap">
              Lift for 1 hour
            </button>
          </div>
        </div>
      )}
      {lifted && (
        <div className="cap-line small">
          <span>Hard caps lifted until {formatClock(s.capLiftedUntil!, s.tz)}</span>
          <button type="button" className="btn btn-small" onClick={() => void act('restoreCap')}>
            Restore
          </button>
        </div>
      )}
      {error && <p className="text-danger small">{error}</p>}
    </section>
  );
}
