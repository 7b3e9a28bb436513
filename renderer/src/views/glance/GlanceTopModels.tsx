import type { ModelCost, Summary } from '../../../../shared/api/contract.js';
import { formatCount, formatUsd, usdColumn } from '../../../../shared/format.js';

/** Today's three biggest models: spend first; plan usage (not spend) shown apart, marked. */
export function GlanceTopModels({ summary: s }: { summary: Summary }) {
  // The figures stand in a column: one money rule for all of them.
  const cost = usdColumn(s.topModelsToday.flatMap((m) => [m.spendNano, m.costNano - m.spendNano]));
  return (
    <section className="glance-models">
      <div className="label">Top models today</div>
      {s.topModelsToday.length === 0 ? (
        <p className="muted small">No calls yet today.</p>
      ) : (
        <ul className="model-list" data-testid="top-models">
          {s.topModelsToday.map((m) => (
            <li key={`${m.provider}/${m.model}`}>
              <span className="model-name" title={`${m.provider} · ${m.model}`}>
                {m.model}
              </span>
              <span className="muted num small">{formatCount(m.requests)}×</span>
              <ModelCostCell cost={m} format={cost} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ModelCostCell({ cost: m, format }: { cost: ModelCost; format: (nano: number) => string }) {
  const planNano = m.costNano - m.spendNano;
  if (m.spendNano === 0 && planNano > 0) {
    return (
      <span className="num muted" title="Subscription usage at API rates: not spend">
        <span className="badge badge-plan">plan</span> {format(planNano)}
      </span>
    );
  }
  return (
    <span className="num" title={planNano > 0 ? `Spend; plus ${formatUsd(planNano)} of subscription usage at API rates` : 'Spend'}>
      {format(m.spendNano)}
      {planNano > 0 && <span className="plan-plus">+plan</span>}
    </span>
  );
}
