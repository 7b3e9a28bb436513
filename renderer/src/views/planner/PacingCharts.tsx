import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { PacingPoint, PacingSeries } from '../../../../shared/api/contract-budgets.js';
import { formatUsd } from '../../../../shared/format.js';
import { axisUsd, plotUsd } from '../../lib/chart-format';
import { formatDay, formatDayLong } from '../../lib/dates';

interface Row {
  point: PacingPoint;
  day: string;
  spend: number | null;
  allowance: number | null;
  cumulative: number | null;
  ideal: number;
  linear: number | null;
  robust: number | null;
}

function rows(series: PacingSeries): Row[] {
  return series.points.map((p) => ({
    point: p,
    day: p.day,
    spend: plotUsd(p.spendNano),
    allowance: plotUsd(p.allowanceNano),
    cumulative: plotUsd(p.cumulativeNano),
    ideal: p.idealNano / 1e9,
    linear: plotUsd(p.projectedLinearNano),
    robust: plotUsd(p.projectedRobustNano),
  }));
}

const AXIS_TICK = { fill: 'var(--text-3)', fontSize: 11 };

function TipRow({ swatch, label, nano }: { swatch: string; label: string; nano: number | null }) {
  if (nano === null) return null;
  return (
    <div className="chart-tooltip-row">
      <span className={`swatch ${swatch}`} /> {label} <span className="num">{formatUsd(nano)}</span>
    </div>
  );
}

function DailyTip({ active, payload }: TooltipContentProps) {
  const r = payload?.[0]?.payload as Row | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{formatDayLong(r.day)}</div>
      <TipRow swatch="swatch-spend" label="Spend" nano={r.point.spendNano} />
      <TipRow swatch="swatch-allowance" label="Allowance that day" nano={r.point.allowanceNano} />
      {r.point.spendNano === null && <div className="chart-tooltip-row muted">Still to come</div>}
    </div>
  );
}

function CumulativeTip({ active, payload }: TooltipContentProps) {
  const r = payload?.[0]?.payload as Row | undefined;
  if (!active || !r) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{formatDayLong(r.day)}</div>
      <TipRow swatch="swatch-spend" label="Spent so far" nano={r.point.cumulativeNano} />
      <TipRow swatch="swatch-ideal" label="Ideal line" nano={r.point.idealNano} />
      <TipRow swatch="swatch-linear" label="Projected at this period's pace" nano={r.point.projectedLinearNano} />
      <TipRow swatch="swatch-robust" label="Projected at recent days' pace" nano={r.point.projectedRobustNano} />
    </div>
  );
}

/** Daily spend against each day's allowance and the ideal daily spend. */
export function DailyPacingChart({ series }: { series: PacingSeries }) {
  const data = rows(series);
  return (
    <div className="chart" data-testid="pacing-daily-chart">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="22%">
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="day" tickFormatter={formatDay} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={16} />
          <YAxis tickFormatter={axisUsd} tick={AXIS_TICK} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={DailyTip} cursor={{ fill: 'var(--hover)' }} isAnimationActive={false} />
          <Bar dataKey="spend" fill="var(--accent)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line dataKey="allowance" type="stepAfter" stroke="var(--ok)" strokeWidth={1.75} dot={false} isAnimationActive={false} connectNulls={false} />
          <ReferenceLine y={series.idealDayNano / 1e9} stroke="var(--text-3)" strokeDasharray="4 4" ifOverflow="extendDomain" />
          <ReferenceLine x={series.today} stroke="var(--border-strong)" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Spend so far against the budget and the ideal line, with both projections to the period's end. */
export function CumulativePacingChart({ series }: { series: PacingSeries }) {
  const data = rows(series);
  return (
    <div className="chart" data-testid="pacing-cumulative-chart">
      <ResponsiveContainer width="100%" height={220}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="day" tickFormatter={formatDay} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={16} />
          <YAxis tickFormatter={axisUsd} tick={AXIS_TICK} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={CumulativeTip} cursor={{ stroke: 'var(--border-strong)' }} isAnimationActive={false} />
          <ReferenceLine y={series.budgetNano / 1e9} stroke="var(--danger)" strokeWidth={1.25} ifOverflow="extendDomain" label={{ value: 'budget', position: 'insideTopLeft', fill: 'var(--danger)', fontSize: 11 }} />
          <Line dataKey="ideal" stroke="var(--text-3)" strokeDasharray="4 4" strokeWidth={1.25} dot={false} isAnimationActive={false} />
          <Line dataKey="linear" stroke="var(--warn)" strokeDasharray="6 4" strokeWidth={1.75} dot={false} isAnimationActive={false} />
          <Line dataKey="robust" stroke="var(--info)" strokeDasharray="2 3" strokeWidth={1.75} dot={false} isAnimationActive={false} />
          <Line dataKey="cumulative" stroke="var(--accent)" strokeWidth={2.25} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
