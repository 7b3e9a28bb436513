import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { DailyPoint, Day } from '../../../../shared/api/contract.js';
import { formatCountOf, formatUsd } from '../../../../shared/format.js';
import { axisUsd } from '../../lib/chart-format';
import { formatDay, formatDayLong } from '../../lib/dates';
import { toChartDays, type ChartDay } from './fill-series';


function DayTooltip({ active, payload }: TooltipContentProps) {
  const d = payload?.[0]?.payload as ChartDay | undefined;
  if (!active || !d) return null;
  return (
    <div className="chart-tooltip">
      <div className="chart-tooltip-title">{formatDayLong(d.day)}</div>
      <div className="chart-tooltip-row">
        <span className="swatch swatch-spend" /> Spend <span className="num">{formatUsd(d.spendNano)}</span>
      </div>
      {d.subscriptionNano > 0 && (
        <div className="chart-tooltip-row">
          <span className="swatch swatch-plan" /> On plan (API rates) <span className="num">{formatUsd(d.subscriptionNano)}</span>
        </div>
      )}
      <div className="chart-tooltip-row muted">
        {formatCountOf(d.requests, 'request')}
      </div>
    </div>
  );
}

export function DailySpendChart({ points, start, end }: { points: readonly DailyPoint[]; start: Day; end: Day }) {
  const data = toChartDays(points, start, end);
  const hasPlan = data.some((d) => d.subscriptionNano > 0);
  return (
    <div className="chart" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height={220}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} barCategoryGap="22%">
          <CartesianGrid vertical={false} stroke="var(--grid)" />
          <XAxis
            dataKey="day"
            tickFormatter={(day: string) => formatDay(day)}
            tick={{ fill: 'var(--text-3)', fontSize: 11 }}
            tickLine={false}
            axisLine={{ stroke: 'var(--border)' }}
            minTickGap={16}
          />
          <YAxis tickFormatter={axisUsd} tick={{ fill: 'var(--text-3)', fontSize: 11 }} tickLine={false} axisLine={false} width={52} />
          <Tooltip content={DayTooltip} cursor={{ fill: 'var(--hover)' }} isAnimationActive={false} />
          <Bar dataKey="spendUsd" stackId="cost" fill="var(--accent)" radius={hasPlan ? 0 : [3, 3, 0, 0]} isAnimationActive={false} />
          {hasPlan && <Bar dataKey="subscriptionUsd" stackId="cost" fill="var(--plan)" radius={[3, 3, 0, 0]} isAnimationActive={false} />}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
