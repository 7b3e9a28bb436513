import type { Summary } from '../../../../shared/api/contract.js';
import { formatCountOf } from '../../../../shared/format.js';

/** Calls that do not reach the ledger, said first and plainly; calls recovered at the start, said once. */
export function GlanceLedger({ summary }: { summary: Summary }) {
  const l = summary.ledger;
  if (!l) return null;
  if (l.state === 'failing') {
    return (
      <p className="notice notice-error" role="alert" data-testid="ledger-failing">
        {capitalize(l.message ?? 'the ledger cannot be written')}.
        {l.lost > 0 && ` ${formatCountOf(l.lost, 'call')} could be kept nowhere and are lost.`}
      </p>
    );
  }
  if (l.lost > 0) return <p className="notice notice-error" data-testid="ledger-lost">{formatCountOf(l.lost, 'finished call')} could not be written and are lost.</p>;
  if (l.recoveredAtStart > 0) {
    return (
      <p className="notice" data-testid="ledger-recovered">
        {formatCountOf(l.recoveredAtStart, 'call')} that could not be written last time were recovered into the ledger.
      </p>
    );
  }
  return null;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
