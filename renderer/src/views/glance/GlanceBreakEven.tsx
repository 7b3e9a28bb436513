import { useEffect } from 'react';
import { formatUsd } from '../../../../shared/format.js';
import { formatDay } from '../../lib/dates';
import { pageHref } from '../../lib/route';
import { useBreakEven } from '../../state/breakeven';
import { savingClass } from '../breakeven/plan-words';

/** Each plan the user pays for: saving (or loss) against API prices in its current period. */
export function GlanceBreakEven({ now }: { now: number }) {
  const report = useBreakEven((b) => b.current);
  useEffect(() => {
    void useBreakEven.getState().loadCurrent();
  }, [now]);

  const plans = report?.plans.filter((p) => p.active) ?? [];
  if (plans.length === 0) return null;
  return (
    <section className="glance-section" data-testid="breakeven-card">
      <div className="glance-section-head">
        <span className="label">Plans this period</span>
        <a className="small" href={pageHref('breakeven')} target="_blank" rel="opener">
          Break-even →
        </a>
      </div>
      <ul className="plan-list">
        {plans.map((p) => {
          const paidOff = p.paidOffOn !== null;
          const hint = paidOff
            ? `paid for itself on ${formatDay(p.paidOffOn!)}`
            : p.projectedPaidOffOn
              ? `pays for itself by ${formatDay(p.projectedPaidOffOn)}`
              : `${formatUsd(p.coveredNano)} of ${formatUsd(p.priceNano)} used`;
          return (
            <li key={p.index}>
              <span className="plan-name" title={`${formatUsd(p.coveredNano)} of usage at API prices against ${formatUsd(p.priceNano)}`}>
                {p.name}
                <span className="muted small block">{hint}</span>
              </span>
              <span className={`num plan-saving ${savingClass(p.savingNano, p.period.status === 'current')}`} data-testid="plan-saving">
                {formatUsd(p.savingNano, { signed: true })}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
