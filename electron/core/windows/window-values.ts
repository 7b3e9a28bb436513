/**
 * Break-even's window values: for a provider and a span of time, each window's history and the
 * provider's subscription calls (API-priced), handed to shared/windows/window-value.ts.
 *
 * The calls are the provider's, not one account's (usage rows name no account): with two plan
 * accounts on one provider, both fill each other's windows here.
 */
import type { Settings } from '../../../shared/api/contract.js';
import type { PlanWindowValue } from '../../../shared/api/contract-windows.js';
import { windowValue, type PricedCall, type ValueSnapshot } from '../../../shared/windows/window-value.js';
import { isRunwayWindow, windowLabel } from '../../../shared/windows/window-names.js';
import { accountLabel } from '../../../shared/windows/window-settings.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { windowHistory, windowsWithHistory } from './window-store.js';

export function planWindowValues(db: Db, q: { provider: string; from: number; to: number }, settings: Pick<Settings, 'windowAccounts'>): PlanWindowValue[] {
  if (q.to <= q.from) return [];
  const windows = windowsWithHistory(db, q).filter((w) => isRunwayWindow(w.window));
  if (windows.length === 0) return [];
  const calls = cachedStatement(
    db,
    "SELECT time, cost_nano AS costNano FROM usage WHERE provider = ? AND billing = 'subscription' AND time >= ? AND time <= ? ORDER BY time",
  ).all(q.provider, q.from, q.to) as PricedCall[];
  const accounts = new Set(windows.map((w) => w.account)).size;
  return windows.map(({ account, window }) => {
    const snapshots: ValueSnapshot[] = windowHistory(db, { provider: q.provider, account, window, from: q.from, to: q.to }).flatMap((p) =>
      p.used === null ? [] : [{ at: p.at, used: p.used, resetsAt: p.resetsAt }],
    );
    return { account, accountLabel: accountLabel(q.provider, account, settings.windowAccounts, accounts), window, label: windowLabel(window), ...windowValue(snapshots, calls) };
  });
}
