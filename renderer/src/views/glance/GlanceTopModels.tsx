import { useEffect } from 'react';
import type { Summary } from '../../../../shared/api/contract.js';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { topModelKey, useTopToday } from '../../state/top-today';

/** Today's three biggest models: spend first; plan usage (not spend) shown apart, marked. */
export function GlanceTopModels({ summary: s }: { summary: Summary }) {
  const split = useTopToday((t) => t.split);
  useEffect(() => {
    void useTopToday.getState().load(s);
  }, [s]);

  return (
    <section className="glance-models">
      <div className="label">Top models today</div>
      {s.topModelsToday.length === 0 ? (
        <p className="muted small">No calls yet today.</p>
      ) : (
        <ul className="model-list" data-testid="top-models">
          {s.topModelsToday.map((m) => {
            const key = topModelKey(m);
            const part = split[key];
            return (
              <li key={key}>
                <span className="model-name" title={`${m.provider} · ${m.model}`}>
                  {m.model}
                </span>
                <span className="muted num small">{formatCount(m.requests)}×</span>
                {part && part.spendNano === 0 && part.planNano > 0 ? (
                  <span className="num muted" title="Subscription usage at API rates: not spend">
                    <span className="badge badge-plan">plan</span> {formatUsd(part.planNano)}
                  </span>
                ) : (
                  <span className="num" title={part && part.planNano > 0 ? `Spend; plus ${formatUsd(part.planNano)} of subscription usage at API rates` : 'Spend'}>
                    {formatUsd(part ? part.spendNano : m.costNano)}
                    {part && part.planNano > 0 && <span className="plan-plus">+plan</span>}
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
