import { formatCountOf, formatUsd } from '../../../shared/format.js';

/**
 * The cost of one call. An unpriced call is never shown as $0: it says "unpriced" and gives the
 * conservative estimate the ledger counted, marked as such. In a table, `format` is the column's
 * (shared/format.ts usdColumn: the same decimals in every row).
 */
export function Cost({ nano, priced, format = formatUsd }: { nano: number; priced: boolean; format?: (nano: number) => string }) {
  if (priced) return <span className="num">{format(nano)}</span>;
  return (
    <span className="cost-unpriced" title="No price for this model: counted at the highest rate its provider charges, so the real cost is at most this">
      <span className="badge badge-warn">unpriced</span>
      <span className="num muted">≤ est. {format(nano)}</span>
    </span>
  );
}

/** A sum of calls; when some had no price the figure is flagged as containing estimates. */
export function CostTotal({ nano, unpriced }: { nano: number; unpriced: number }) {
  return (
    <span className="num">
      {formatUsd(nano)}
      {unpriced > 0 && (
        <span className="est-flag" title={`${formatCountOf(unpriced, 'call')} without a price, counted at a conservative estimate`}>
          {' '}
          incl. est.
        </span>
      )}
    </span>
  );
}
