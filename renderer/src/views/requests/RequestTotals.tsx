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
      {/* Input is uncached input; cache reads and writes apart (token-words.ts). */}
      <TokenFigure label="Input" title={TOKEN_WORDS.input} testId="totals-input" tokens={totals.inputTokens} />
      <TokenFigure label="Cache read" title={TOKEN_WORDS.cacheRead} testId="totals-cache-read" tokens={totals.cacheReadTokens} />
      <TokenFigure label="Cache write" title={TOKEN_WORDS.cacheWrite} testId="totals-cache-write" tokens={totals.cacheWrite5mTokens + totals.cacheWrite1hTokens} />
      <TokenFigure label="Output" title={TOKEN_WORDS.output} testId="totals-output" tokens={totals.outputTokens + totals.reasoningTokens} />
      {totals.unpriced > 0 && (
        <div>
          <span className="label">Unpriced</span>
          <span className="num totals-figure text-warn">{formatCount(totals.unpriced)}</span>
        </div>
      )}
    </div>
  );
}

function TokenFigure({ label, title, testId, tokens }: { label: string; title: string; testId: string; tokens: number }) {
  return (
    <div title={title}>
      <span className="label">{label}</span>
      <span className="num totals-figure" data-testid={testId}>
        {formatTokens(tokens)}
      </span>
    </div>
  );
}
