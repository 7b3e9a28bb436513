import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { UsageGroupsReport } from '../../../../shared/api/contract-groups.js';
import { formatUsd } from '../../../../shared/format.js';
import { axisUsd } from '../../lib/chart-format';
import { formatDay } from '../../lib/dates';
import { groupNamer } from './group-words';

/** The groups drawn apart; the rest are summed as "other" so the chart stays readable. */
const SHOWN_GROUPS = 6;
const COLORS = ['var(--accent)', '#0ea5e9', '#f59e0b', '#10b981', '#ef4444', '#a855f7', 'var(--text-3)'];

function bucketLabel(key: string): string {
  if (key.length === 7) {
    const [y, m] = key.split('-');
    return new Date(Date.UTC(Number(y), Number(m) - 1, 1)).toLocaleDateString(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });
  }
  return formatDay(key);
}

/**
 * Spend over time, stacked by group (a tag, a model, a provider…): one bar a day, or a month for
 * long ranges. Plan usage is not spend and is left out (the table beside it shows it), except
 * `withPlan` (by project: most of a project's usage is a plan's), where each bar is spend plus
 * plan usage at API rates, and the title says so.
 */
export function GroupSeriesChart({ report, withPlan = false }: { report: UsageGroupsReport; withPlan?: boolean }) {
  const value = (b: { spendNano: number; subscriptionNano: number }) => b.spendNano + (withPlan ? b.subscriptionNano : 0);
  const top = report.groups.filter((g) => value(g) > 0).slice(0, SHOWN_GROUPS);
  const rest = report.groups.filter((g) => !top.includes(g));
  const name = groupNamer(report);
  const names = top.map((g) => name(g) + (g.provider ? ` (${g.provider})` : ''));
  const restSpend = rest.some((g) => value(g) > 0);
  const data = report.buckets.map((key, i) => {
    const row: Record<string, number | string> = { key };
    top.forEach((g, j) => (row[`g${j}`] = value(g.series[i]!) / 1e9));
    if (restSpend) row.other = rest.reduce((s, g) => s + value(g.series[i]!), 0) / 1e9;
    return row;
  });
  const Tip = ({ active, payload, label }: TooltipContentProps) => {
    if (!active || !payload?.length) return null;
    return (
      <div className="chart-tooltip">
        <div className="chart-tooltip-title">{bucketLabel(String(label))}</div>
        {payload
          .filter((p) => Number(p.value) > 0)
          .map((p) => (
            <div className="chart-tooltip-row" key={String(p.dataKey)}>
              <span className="swatch" style={{ background: p.color }} /> {p.name} <span className="num">{formatUsd(Math.round(Number(p.value) * 1e9))}</span>
            </div>
          ))}
      </div>
    );
  };
  return (
    <div className="chart" data-testid="group-chart">
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="22%">
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis dataKey="key" tickFormatter={bucketLabel} tick={{ fill: 'var(--text-3)', fontSize: 11 }} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={16} />
          <YAxis tickFormatter={axisUsd} tick={{ fill: 'var(--text-3)', fontSize: 11 }} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={Tip} cursor={{ fill: 'var(--hover)' }} isAnimationActive={false} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {top.map((g, j) => (
            <Bar key={j} dataKey={`g${j}`} name={names[j]} stackId="spend" fill={COLORS[j]} isAnimationActive={false} />
          ))}
          {restSpend && <Bar dataKey="other" name="other" stackId="spend" fill={COLORS[SHOWN_GROUPS]} isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
