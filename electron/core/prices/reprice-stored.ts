/**
 * Re-price stored calls with the price list in force, only when the user asks (`tokentally prices
 * --reprice`, the Settings button): never silently. A cost the provider reported (OpenRouter) is what
 * was charged and stays; errors and refused calls cost nothing and stay. Each row is priced as it was
 * first (its tokens, billing, tier, speed, region, time) and rewritten, with the new list's version,
 * only when its figure changes;
 * the rollups follow through the ledger's triggers.
 */
import type { PriceOverride } from '../../../shared/api/contract.js';
import type { Nano } from '../../../shared/money.js';
import { priceStoredCall } from '../../../shared/pricing/index.js';
import { rowToRecord, USAGE_SELECT, type UsageRow } from '../ledger/usage-row.js';
import type { Db } from '../ledger/open-database.js';

export interface RepriceStoredResult {
  /** Rows looked at (priced from tokens: not provider-reported, not errors). */
  examined: number;
  /** Rows whose cost or pricing changed. */
  changed: number;
  /** Sum of (new − old) cost over the changed rows. */
  deltaNano: Nano;
  priceVersion: string;
}

const CHUNK = 2000;

export function repriceStored(db: Db, q: { from?: number; to?: number; overrides: readonly PriceOverride[] }): RepriceStoredResult {
  const select = db.prepare(
    `SELECT ${USAGE_SELECT} FROM usage
     WHERE id > @after AND time >= @from AND time < @to AND cost_source <> 'provider' AND status NOT IN ('error', 'blocked')
     ORDER BY id LIMIT ${CHUNK}`,
  );
  const update = db.prepare('UPDATE usage SET cost_nano = @cost, priced = @priced, cost_source = @source, price_version = @version WHERE id = @id');
  const params = { from: q.from ?? 0, to: q.to ?? Number.MAX_SAFE_INTEGER };
  let after = 0;
  let examined = 0;
  let changed = 0;
  let deltaNano = 0;
  let priceVersion = '';
  for (;;) {
    const rows = select.all({ ...params, after }) as UsageRow[];
    if (rows.length === 0) break;
    db.transaction(() => {
      for (const row of rows) {
        const r = rowToRecord(row);
        const cost = priceStoredCall(r, q.overrides);
        priceVersion = cost.priceVersion;
        examined++;
        // A row whose figure stands keeps its version: rewriting a million unchanged rows buys nothing.
        if (cost.totalNano === r.costNano && cost.priced === r.priced && cost.costSource === r.costSource) continue;
        update.run({ id: r.id, cost: cost.totalNano, priced: cost.priced ? 1 : 0, source: cost.costSource, version: cost.priceVersion });
        changed++;
        deltaNano += cost.totalNano - r.costNano;
      }
    })();
    after = rows[rows.length - 1]!.id;
  }
  return { examined, changed, deltaNano, priceVersion };
}
