import type { UsageTotals } from '../../../../shared/api/contract.js';
import { formatTokens, formatUsd, formatCount } from '../../../../shared/format.js';
import { TOKEN_WORDS } from '../../../../shared/report/token-words.js';
import { CostTotal } from '../../components/Cost';

/** Sums over every record matching the filter (all pages), as the core computed them. */
export function RequestTotals({ totals }: { totals: UsageTotals }) {
  const planNano = totals.costNano - totals.spendNano;
  return (
    <div className="totals" data-testid="request-totals">
      <div>
        <span className="label">Requests</span>
        <span className="num totals-figure" data-testid="totals-requests">
          {formatCount(totals.requests)}
        </span>
      </div>
      <div>
        <span className="label">Spend</span>
        <span className="totals-figure" data-testid="totals-spend">
          <CostTotal nano={totals.spendNano} unpriced={totals.unpriced} />
        </span>
      </div>
      {planNano > 0 && (
        <div title="API-equivalent cost of subscription usage; not spend">
          <span className="label">On plan</span>
          <span className="num totals-figure">{formatUsd(planNano)}</span>
        </div>
      )}
      <div title={TOKEN_WORDS.input}>
        <span className="label">Input</span>
        <span className="num totals-figure" data-testid="totals-input">
          {formatTokens(totals.inputTokens)}
        </span>
      </div>
      <div title={TOKEN_WORDS.cacheRead}>
        <span className="label">Cache read</span>
        <span className="num totals-figure" data-testid="totals-cache-read">
          {formatTokens(totals.cacheReadTokens)}
        </span>
      </div>
      <div title={TOKEN_WORDS.cacheWrite}>
        <span className="label">Cache write</span>
        <span className="num totals-figure" data-testid="totals-cache-write">
          {formatTokens(totals.cacheWrite5mTokens + totals.cacheWrite1hTokens)}
        </span>
      </div>
      <div title={TOKEN_WORDS.output}>
        <span className="label">Output</span>
        <span className="num totals-figure">{formatTokens(totals.outputTokens + totals.reasoningTokens)}</span>
      </div>
      {totals.unpriced > 0 && (
        <div>
          <span className="label">Unpriced</span>
          <span className="num totals-figure text-warn">{formatCount(totals.unpriced)}</span>
        </div>
      )}
    </div>
  );
}
