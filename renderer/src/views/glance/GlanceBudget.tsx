import type { Summary } from '../../../../shared/api/contract.js';
import type { Pacing } from '../../../../shared/api/contract-budgets.js';
import { formatCount, formatUsd } from '../../../../shared/format.js';
import { addDays } from '../../../../shared/time/zoned.js';
import { CostTotal } from '../../components/Cost';
import { Meter } from '../../components/Meter';
import { PaceBadge } from '../../components/PaceBadge';
import { TodaySpend } from '../../components/TodaySpend';
import { formatDay } from '../../lib/dates';
import { paceSentence, PROJECTION_WORDS } from '../../../../shared/pacing/pace-words.js';
import { pageHref } from '../../lib/route';

/** Where the period stands: what is left, the pace, today against its allowance, where it ends. */
export function GlanceBudget({ summary: s }: { summary: Summary }) {
  const p = s.pacing;
  return (
    <>
      {p ? <BudgetHero summary={s} pacing={p} /> : <SpendHero summary={s} />}
      <section className={`glance-today${p ? ' glance-today-3' : ''}`}>
        <TodaySpend summary={s} className="glance-stat" />
        {p ? <Projection pacing={p} /> : <RequestsToday summary={s} />}
        {p && <RequestsToday summary={s} />}
      </section>
    </>
  );
}

function BudgetHero({ summary: s, pacing: p }: { summary: Summary; pacing: Pacing }) {
  const over = p.remainingNano < 0;
  return (
    <section className="glance-hero" data-testid="glance-month">
      <div className="hero-head">
        <span className="label">{over ? 'Over budget by' : 'Left this period'}</span>
        <PaceBadge pacing={p} testId="pace-delta" />
      </div>
      <div className={`hero-figure num${over ? ' text-danger' : ''}`} data-testid="month-remaining">
        {formatUsd(Math.abs(p.remainingNano))}
      </div>
      <Meter value={p.spentNano} max={p.budgetNano} mark={p.idealNano} />
      <div className="hero-sub muted">
        <span data-testid="month-spend">
          <CostTotal nano={s.spentNano} unpriced={s.unpricedThisPeriod} />
        </span>{' '}
        spent of <span className="num">{formatUsd(p.budgetNano)}</span> · resets {formatDay(addDays(s.period.end, 1))}
      </div>
      <div className={`small ${p.state === 'on-pace' ? 'hero-note' : 'hero-warn'}`} data-testid="pace-words" title={PROJECTION_WORDS.explain}>
        {paceSentence(p)}
      </div>
    </section>
  );
}

function SpendHero({ summary: s }: { summary: Summary }) {
  return (
    <section className="glance-hero" data-testid="glance-month">
      <div className="label">Spent this period</div>
      <div className="hero-figure num" data-testid="month-spend">
        <CostTotal nano={s.spentNano} unpriced={s.unpricedThisPeriod} />
      </div>
      <div className="hero-sub muted">
        No monthly budget set · <a href={pageHref('planner')}>set one</a>
      </div>
    </section>
  );
}

function Projection({ pacing: p }: { pacing: Pacing }) {
  const tone = (nano: number) => (nano > p.budgetNano ? ' text-danger' : '');
  return (
    <div className="glance-stat" title={PROJECTION_WORDS.explain}>
      <div className="label">Projected end</div>
      <div className={`stat-figure num${tone(p.projectedLinearNano)}`} data-testid="projected-linear">
        {formatUsd(p.projectedLinearNano)}
      </div>
      <div className="muted small">
        <span className={`num${tone(p.projectedRobustNano)}`} data-testid="projected-robust">
          {formatUsd(p.projectedRobustNano)}
        </span>{' '}
        {PROJECTION_WORDS.recent}
      </div>
    </div>
  );
}

function RequestsToday({ summary: s }: { summary: Summary }) {
  return (
    <div className="glance-stat">
      <div className="label">Requests</div>
      <div className="stat-figure num" data-testid="requests-today">
        {formatCount(s.requestsToday)}
      </div>
      <div className="muted small">today</div>
    </div>
  );
}
