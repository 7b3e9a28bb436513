import { formatCountOf, formatUsd } from '../../../shared/format.js';

/**
 * The cost of one call. An unpriced call is never shown as $0: it says "unpriced" and gives the
 * conservative estimate the ledger counted, marked as such.
 */
export function Cost({ nano, priced }: { nano: number; priced: boolean }) {
  if (priced) return <span className="num">{formatUsd(nano)}</span>;
  return (
    <span className="cost-unpriced" title="No price for this model: counted at the highest rate its provider charges, so the real cost is at most this">
      <span className="badge badge-warn">unpriced</span>
      <span className="num muted">≤ est. {formatUsd(nano)}</span>
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
