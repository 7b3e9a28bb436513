/**
 * Sums per device (sync): the Overview's "by device" table and the glance's "this machine $X of
 * $Y today". Read from the rows (no rollup has the device) through the time index: a month is
 * one pass over that month's rows.
 */
import type { DeviceUsage, ThisDeviceToday } from '../../../shared/api/contract-sync.js';
import type { Db } from '../ledger/open-database.js';
import { cachedStatement } from '../ledger/statement-cache.js';
import { readSyncSelf } from './sync-self.js';

const SPEND = "CASE WHEN billing = 'subscription' THEN 0 ELSE cost_nano END";

/** The other devices' names by device id, as their segments give them. */
export function deviceNames(db: Db): Map<string, string> {
  return new Map((cachedStatement(db, 'SELECT device_id, name FROM sync_devices').all() as { device_id: string; name: string }[]).map((d) => [d.device_id, d.name]));
}

export function usageByDevice(db: Db, from: number, to: number): DeviceUsage[] {
  const self = readSyncSelf(db);
  const names = deviceNames(db);
  const rows = cachedStatement(
    db,
    `SELECT device, COUNT(*) AS requests, SUM(cost_nano) AS costNano, SUM(${SPEND}) AS spendNano FROM usage WHERE time >= ? AND time < ? GROUP BY device`,
  ).all(from, to) as { device: string | null; requests: number; costNano: number; spendNano: number }[];
  return rows
    .map((r) => ({
      deviceId: r.device ?? self.deviceId,
      name: r.device === null ? self.deviceName : (names.get(r.device) ?? r.device.slice(0, 8)),
      self: r.device === null,
      requests: r.requests,
      costNano: r.costNano,
      spendNano: r.spendNano,
    }))
    .sort((a, b) => b.spendNano - a.spendNano || b.costNano - a.costNano);
}

/** This machine's spend in [from, to), or undefined while the ledger holds no other device's calls. */
export function thisDeviceToday(db: Db, from: number, to: number): ThisDeviceToday | undefined {
  if (cachedStatement(db, 'SELECT 1 FROM sync_devices LIMIT 1').get() === undefined) return undefined;
  const own = cachedStatement(db, `SELECT COALESCE(SUM(${SPEND}), 0) AS spend FROM usage WHERE time >= ? AND time < ? AND device IS NULL`).get(from, to) as { spend: number };
  return { name: readSyncSelf(db).deviceName, todaySpentNano: own.spend };
}
