import type { ScenarioResult, WorkloadCost } from '../../../../shared/api/contract-budgets.js';
import { formatUsd } from '../../../../shared/format.js';
import type { ParsedDraft } from '../../lib/workload-draft';

/** The priced result of each draft row (null for rows that do not read cleanly), index-aligned with the drafts. */
export function alignResults(parsed: readonly ParsedDraft[], result: ScenarioResult | null): (WorkloadCost | null)[] {
  const valid = parsed.filter((p) => p.ok).length;
  // An answer for another set of rows (typing raced ahead of pricing): show nothing rather than wrong rows.
  if (!result || result.rows.length !== valid) return parsed.map(() => null);
  let i = 0;
  return parsed.map((p) => (p.ok ? result.rows[i++]! : null));
}

/** A monthly cost; an unpriced model's is a conservative estimate and says so. `format`: its column's (usdColumn). */
export function MonthlyCost({ cost, testId, format = formatUsd }: { cost: WorkloadCost | null; testId?: string; format?: (nano: number) => string }) {
  if (!cost) return <span className="dim-dash">—</span>;
  if (!cost.priced) {
    return (
      <span className="num" data-testid={testId} title={`No price for ${cost.model}: counted at the highest rate its provider charges`}>
        <span className="est-flag">≤ est.</span> {format(cost.monthlyNano)}
      </span>
    );
  }
  return (
    <span className="num" data-testid={testId} title={cost.matchedModel && cost.matchedModel !== cost.model ? `priced as ${cost.matchedModel}` : undefined}>
      {format(cost.monthlyNano)}
    </span>
  );
}
