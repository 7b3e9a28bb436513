import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { RequestStats } from '../../../../shared/api/contract-groups.js';
import { formatCountOf, formatPercent } from '../../../../shared/format.js';
import type { LatencyPoint } from '../../../../shared/report/latency-buckets.js';
import { formatDay, formatMs } from '../../lib/dates';

const AXIS_TICK = { fill: 'var(--text-3)', fontSize: 11 };

function keyLabel(key: string): string {
  // An hour ("YYYY-MM-DDTHH") or a day.
  return key.length > 10 ? `${formatDay(key.slice(0, 10))} ${key.slice(11)}:00` : formatDay(key);
}

function Tip({ active, payload }: TooltipContentProps) {
  const p = payload?.[0]?.payload as LatencyPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{keyLabel(p.key)}</div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-spend" /> Median <span className="num">{p.p50Ms === null ? '—' : formatMs(p.p50Ms)}</span>
      </div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-linear" /> 95th percentile <span className="num">{p.p95Ms === null ? '—' : formatMs(p.p95Ms)}</span>
      </div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-danger" /> Failed <span className="num">{p.errorRate === null ? '—' : `${formatPercent(p.errorRate)} of ${formatCountOf(p.requests, 'call')}`}</span>
      </div>
    </div>
  );
}

/** Latency (median and 95th percentile, left axis) and the share of calls that failed (bars, right axis), per hour or day. */
export function LatencyChart({ stats }: { stats: RequestStats }) {
  const data = stats.points.map((p) => ({ ...p, errorPct: p.errorRate === null ? 0 : p.errorRate * 100 }));
  return (
    <div className="chart" data-testid="latency-chart">
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={data} margin={{ top: 8, right: 0, bottom: 0, left: 0 }}>
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="key" tickFormatter={keyLabel} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={24} />
          <YAxis yAxisId="ms" tickFormatter={(ms: number) => formatMs(ms)} tick={AXIS_TICK} tickLine={false} axisLine={false} width={56} />
          <YAxis yAxisId="pct" orientation="right" domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} tickLine={false} axisLine={false} width={40} />
          <Tooltip content={Tip} cursor={{ fill: 'var(--hover)' }} isAnimationActive={false} />
          <Bar yAxisId="pct" dataKey="errorPct" fill="var(--danger)" fillOpacity={0.35} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="p50Ms" stroke="var(--accent)" strokeWidth={2} dot={{ r: 2 }} isAnimationActive={false} />
          <Line yAxisId="ms" dataKey="p95Ms" stroke="var(--warn)" strokeDasharray="6 4" strokeWidth={1.75} dot={{ r: 2 }} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
