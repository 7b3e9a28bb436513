import type { Pacing } from '../../../shared/api/contract-budgets.js';
import { formatPercent } from '../../../shared/format.js';
import { paceSentence, type PaceWordsInput } from '../../../shared/pacing/pace-words.js';

const STATE_WORDS: Record<Pacing['state'], string> = { 'on-pace': 'on pace', ahead: 'ahead', over: 'over budget' };

/** The pace delta against the ideal line, signed ("+11%"), coloured by the pace state. */
function paceDeltaText(p: Pick<Pacing, 'paceDelta'>): string {
  return p.paceDelta === null ? '—' : formatPercent(p.paceDelta, { signed: true });
}

/** The signed delta as a badge; its title says the pace in plain words (shared/pacing/pace-words.ts). */
export function PaceBadge({ pacing, testId }: { pacing: PaceWordsInput; testId?: string }) {
  const title = `${paceSentence(pacing)} (The budget allows: the budget spread evenly over the period.)`;
  return (
    <span className={`pace pace-${pacing.state}`} title={title}>
      <span className="num" data-testid={testId}>
        {paceDeltaText(pacing)}
      </span>
      <span className="pace-word">{STATE_WORDS[pacing.state]}</span>
    </span>
  );
}
