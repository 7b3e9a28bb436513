import type { BreakEvenReport, PlanPeriodBreakEven } from '../../../../shared/api/contract-subscriptions.js';
import { formatCount, usdColumn } from '../../../../shared/format.js';
import { formatDay, formatPeriod } from '../../lib/dates';
import { savingClass } from './plan-words';

/** Month by month for one plan, newest first: usage at API prices, price, saving, the day it paid off. */
export function HistoryTable({ history, index }: { history: readonly BreakEvenReport[]; index: number }) {
  const periods = history
    .map((r) => r.plans.find((p) => p.index === index))
    .filter((p): p is PlanPeriodBreakEven => p !== undefined)
    .reverse();
  // Each money column by the one table rule (same decimals down the column).
  const covered = usdColumn(periods.map((p) => p.coveredNano));
  const price = usdColumn(periods.map((p) => p.priceNano));
  const saving = usdColumn(periods.map((p) => p.savingNano), { signed: true });
  return (
    <table className="table" data-testid="be-history">
      <thead>
        <tr>
          <th>Period</th>
          <th className="right">Messages</th>
          <th className="right">At API prices</th>
          <th className="right">Plan price</th>
          <th className="right">Saving / loss</th>
          <th>Paid for itself</th>
        </tr>
      </thead>
      <tbody>
        {periods.map((p) => (
          <tr key={p.period.start} data-period={p.period.start} className={p.active ? undefined : 'dim'}>
            <td className="nowrap">
              <span>{formatPeriod(p.period.start, p.period.last)}</span>
              {p.period.status === 'current' && <span className="badge badge-info">current</span>}
            </td>
            <td className="right num">{formatCount(p.coveredRequests)}</td>
            <td className="right num" data-testid="be-history-covered">
              {covered(p.coveredNano)}
            </td>
            <td className="right num">{p.active ? price(p.priceNano) : <span className="muted">not subscribed</span>}</td>
            <td className={`right num ${p.active ? savingClass(p.savingNano, p.period.status === 'current') : ''}`} data-testid="be-history-saving">
              {p.active ? saving(p.savingNano) : '—'}
            </td>
            <td className="num" data-testid="be-history-paid-off">
              {p.paidOffOn ? (
                formatDay(p.paidOffOn)
              ) : p.projectedPaidOffOn ? (
                <span className="muted">by {formatDay(p.projectedPaidOffOn)} (projected)</span>
              ) : (
                <span className="dim-dash">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
