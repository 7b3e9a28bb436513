import type { ProviderBalance } from '../../../../shared/api/contract-providers.js';
import { formatMoneyIn } from '../../lib/balance';
import { providerLabel } from '../../state/provider-catalog';

/** Prepaid credits left at OpenRouter and DeepSeek, as the providers last reported them. */
export function GlanceBalances({ balances }: { balances: readonly ProviderBalance[] | undefined }) {
  const shown = (balances ?? []).filter((b) => b.remainingNano !== null);
  if (shown.length === 0) return null;
  return (
    <section className="glance-section">
      <span className="label">Credits left</span>
      <div className="balance-list" data-testid="balances">
        {shown.map((b) => (
          <span key={`${b.provider}/${b.currency}`} className={`balance${b.available === false ? ' text-danger' : ''}`}>
            <span className="muted">{providerLabel(b.provider)}</span> <span className="num">{formatMoneyIn(b.remainingNano!, b.currency)}</span>
          </span>
        ))}
      </div>
    </section>
  );
}
