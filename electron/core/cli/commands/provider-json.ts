/** JSON shapes of provider figures for `poll --json` and `report reconcile --json`: amounts in currency units, times in ISO 8601. */
import type { ProviderBalance } from '../../../../shared/api/contract-providers.js';
import { nanoToUsd } from '../../../../shared/money.js';
import { formatAmount } from '../../pollers/index.js';

const units = (nano: number | null) => (nano === null ? null : nanoToUsd(nano));

export function balanceJson(b: ProviderBalance) {
  return {
    provider: b.provider,
    currency: b.currency,
    remaining: units(b.remainingNano),
    creditsTotal: units(b.creditsTotalNano),
    creditsUsed: units(b.creditsUsedNano),
    granted: units(b.grantedNano),
    toppedUp: units(b.toppedUpNano),
    keyLimit: units(b.keyLimitNano),
    keyLimitRemaining: units(b.keyLimitRemainingNano),
    keyUsage: units(b.keyUsageNano),
    keyUsageDaily: units(b.keyUsageDailyNano),
    keyUsageMonthly: units(b.keyUsageMonthlyNano),
    available: b.available,
    fetchedAt: new Date(b.fetchedAt).toISOString(),
  };
}

/** "openrouter  $4.56 left (key limit $10.00, $5.44 left; key spend today $0.12, this month $3.45)" */
export function balanceLine(b: Pick<ProviderBalance, Exclude<keyof ProviderBalance, 'provider' | 'fetchedAt'>>): string {
  const money = (nano: number) => formatAmount(nano, b.currency);
  const parts: string[] = [b.remainingNano === null ? 'credits unknown' : `${money(b.remainingNano)} left`];
  const details: string[] = [];
  if (b.keyLimitNano !== null) details.push(`key limit ${money(b.keyLimitNano)}${b.keyLimitRemainingNano === null ? '' : `, ${money(b.keyLimitRemainingNano)} left`}`);
  if (b.keyUsageDailyNano !== null || b.keyUsageMonthlyNano !== null) {
    details.push(`key spend today ${money(b.keyUsageDailyNano ?? 0)}, this month ${money(b.keyUsageMonthlyNano ?? 0)}`);
  }
  if (b.available === false) details.push('not available for calls');
  if (details.length > 0) parts.push(`(${details.join('; ')})`);
  return parts.join(' ');
}
