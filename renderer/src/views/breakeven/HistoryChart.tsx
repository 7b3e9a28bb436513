import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { BreakEvenReport, PlanPeriodBreakEven } from '../../../../shared/api/contract-subscriptions.js';
import { formatUsd } from '../../../../shared/format.js';
import { axisUsd } from '../../lib/chart-format';
import { formatDay, formatPeriod } from '../../lib/dates';

interface Row {
  p: PlanPeriodBreakEven;
  label: string;
  covered: number;
  price: number | null;
}

function HistoryTip({ active, payload }: TooltipContentProps) {
  const r = payload?.[0]?.payload as Row | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{formatPeriod(r.p.period.start, r.p.period.last)}</div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-spend" /> At API prices <span className="num">{formatUsd(r.p.coveredNano)}</span>
      </div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-price" /> Plan price <span className="num">{formatUsd(r.p.priceNano)}</span>
      </div>
      <div className={`chart-tooltip-row ${r.p.savingNano >= 0 ? 'text-ok' : 'text-danger'}`}>
        {r.p.savingNano >= 0 ? 'Saved' : 'Cost more'} <span className="num">{formatUsd(Math.abs(r.p.savingNano))}</span>
      </div>
    </div>
  );
}

/** Usage at API prices per period against the plan's price. */
export function HistoryChart({ history, index }: { history: readonly BreakEvenReport[]; index: number }) {
  const data: Row[] = history.flatMap((r) => {
    const p = r.plans.find((x) => x.index === index);
    return p ? [{ p, label: formatDay(p.period.start), covered: p.coveredNano / 1e9, price: p.active ? p.priceNano / 1e9 : null }] : [];
  });
  return (
    <div className="chart" data-testid="be-history-chart">
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="28%">
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="label" tick={{ fill: 'var(--text-3)', fontSize: 11 }} tickLine={false} axisLine={{ stroke: 'var(--border)' }} />
          <YAxis tickFormatter={axisUsd} tick={{ fill: 'var(--text-3)', fontSize: 11 }} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={HistoryTip} cursor={{ fill: 'var(--hover)' }} isAnimationActive={false} />
          <Bar dataKey="covered" fill="var(--accent)" radius={[3, 3, 0, 0]} maxBarSize={48} isAnimationActive={false} />
          <Line dataKey="price" type="step" stroke="var(--danger)" strokeDasharray="5 4" strokeWidth={1.5} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
