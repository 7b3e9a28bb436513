/** provider_balances (migration 5): the credit balances as last polled, per provider and currency. */
import type { ProviderBalance } from '../../../shared/api/contract-providers.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import type { BalanceRow } from './poll-types.js';

/** Call inside the poll's transaction: the provider's balances become exactly these. */
export function replaceBalances(db: Db, provider: string, balances: readonly BalanceRow[], fetchedAt: number): void {
  cachedStatement(db, 'DELETE FROM provider_balances WHERE provider = ?').run(provider);
  const insert = cachedStatement(
    db,
    `INSERT INTO provider_balances (provider, currency, remaining_nano, credits_total_nano, credits_used_nano, granted_nano,
       topped_up_nano, key_limit_nano, key_limit_remaining_nano, key_usage_nano, key_usage_daily_nano, key_usage_monthly_nano,
       available, fetched_at)
     VALUES (@provider, @currency, @remainingNano, @creditsTotalNano, @creditsUsedNano, @grantedNano, @toppedUpNano,
       @keyLimitNano, @keyLimitRemainingNano, @keyUsageNano, @keyUsageDailyNano, @keyUsageMonthlyNano, @available, @fetchedAt)`,
  );
  for (const b of balances) insert.run({ ...b, provider, available: b.available === null ? null : b.available ? 1 : 0, fetchedAt });
}

interface BalanceDbRow extends Omit<ProviderBalance, 'available'> {
  available: 0 | 1 | null;
}

export function listBalances(db: Db): ProviderBalance[] {
  const rows = cachedStatement(
    db,
    `SELECT provider, currency, remaining_nano AS remainingNano, credits_total_nano AS creditsTotalNano,
       credits_used_nano AS creditsUsedNano, granted_nano AS grantedNano, topped_up_nano AS toppedUpNano,
       key_limit_nano AS keyLimitNano, key_limit_remaining_nano AS keyLimitRemainingNano, key_usage_nano AS keyUsageNano,
       key_usage_daily_nano AS keyUsageDailyNano, key_usage_monthly_nano AS keyUsageMonthlyNano, available, fetched_at AS fetchedAt
     FROM provider_balances ORDER BY provider, currency`,
  ).all() as BalanceDbRow[];
  return rows.map((r) => ({ ...r, available: r.available === null ? null : r.available === 1 }));
}
