import type { Pacing } from '../../../shared/api/contract-budgets.js';
import { formatPercent } from '../../../shared/format.js';

const STATE_WORDS: Record<Pacing['state'], string> = { 'on-pace': 'on pace', ahead: 'ahead', over: 'over budget' };

/** The pace delta against the ideal line, signed ("+11%"), coloured by the pace state. */
export function paceDeltaText(p: Pick<Pacing, 'paceDelta'>): string {
  return p.paceDelta === null ? '—' : formatPercent(p.paceDelta, { signed: true });
}

export function PaceBadge({ pacing, testId }: { pacing: Pick<Pacing, 'paceDelta' | 'state'>; testId?: string }) {
  const title =
    pacing.paceDelta === null
      ? 'Nothing to compare with yet: the period has just begun'
      : `Spend is ${formatPercent(Math.abs(pacing.paceDelta))} ${pacing.paceDelta >= 0 ? 'above' : 'below'} the ideal line (the budget spread evenly over the period)`;
  return (
    <span className={`pace pace-${pacing.state}`} title={title}>
      <span className="num" data-testid={testId}>
        {paceDeltaText(pacing)}
      </span>
      <span className="pace-word">{STATE_WORDS[pacing.state]}</span>
    </span>
  );
}
