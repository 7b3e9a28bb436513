import { paceBadge, paceSentence, type PaceWordsInput } from '../../../shared/pacing/pace-words.js';

/**
 * The signed delta against the budget's line as a pill, coloured by the pace state; early in the
 * period only words (shared/pacing/pace-words.ts paceBadge). Its title says the pace in plain words.
 */
export function PaceBadge({ pacing, testId }: { pacing: PaceWordsInput & { elapsed?: number }; testId?: string }) {
  const title = `${paceSentence(pacing)} (The budget allows: the budget spread evenly over the period.)`;
  const badge = paceBadge(pacing);
  return (
    <span className={`pace pace-${pacing.state}`} title={title}>
      {badge.delta === null ? (
        <span className="pace-word" data-testid={testId}>
          {badge.word}
        </span>
      ) : (
        <>
          <span className="num" data-testid={testId}>
            {badge.delta}
          </span>
          <span className="pace-word">{badge.word}</span>
        </>
      )}
    </span>
  );
}
