import type { BreakEvenReport } from '../../../../shared/api/contract-subscriptions.js';
import { formatCount, usdColumn } from '../../../../shared/format.js';
import { providerLabel } from '../../state/provider-catalog';
import { savingClass } from './plan-words';

/** For API spend: what each catalog plan would have changed this month (an upper bound: plans have limits). */
export function PlanOptionsCard({ report }: { report: BreakEvenReport }) {
  const options = report.options.filter((o) => o.apiSpendNano > 0);
  const price = usdColumn(options.map((o) => o.priceNano));
  const spend = usdColumn(options.map((o) => o.apiSpendNano));
  const projected = usdColumn(options.map((o) => o.projectedApiSpendNano));
  const difference = usdColumn(options.map((o) => o.savingNano));
  return (
    <section className="card" data-testid="be-options">
      <div className="card-head">
        <h2>Would a plan beat your API spend?</h2>
        <span className="muted small">This calendar month, projected to its end</span>
      </div>
      {options.length === 0 ? (
        <p className="muted small">No Anthropic or OpenAI API spend this month.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th>Plan</th>
                <th className="right">Price</th>
                <th className="right">API spend so far</th>
                <th className="right">Projected</th>
                <th className="right">Difference</th>
              </tr>
            </thead>
            <tbody>
              {options.map((o) => (
                <tr key={o.plan}>
                  <td>
                    {o.name} <span className="muted small">· {providerLabel(o.provider)}</span>
                  </td>
                  <td className="right num">{price(o.priceNano)}</td>
                  <td className="right num">
                    {spend(o.apiSpendNano)} <span className="muted small">({formatCount(o.apiRequests)} calls)</span>
                  </td>
                  <td className="right num">{projected(o.projectedApiSpendNano)}</td>
                  <td className={`right num ${savingClass(o.savingNano)}`}>
                    {o.savingNano >= 0 ? `${difference(o.savingNano)} cheaper` : `${difference(-o.savingNano)} dearer`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small table-note">
            A plan covers work in its vendor's own apps and agents (Claude Code, Codex) within its usage limits, not calls
            made with an API key: a saving here is the most it could be.
          </p>
        </>
      )}
    </section>
  );
}
