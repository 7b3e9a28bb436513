import { usageRecordsToCsv } from '../../../../shared/report/csv.js';
import { dayOf } from '../../../../shared/time/zoned.js';
import type { UsageRecord } from '../../../../shared/usage.js';
import { getClient } from '../../api/client';
import type { UsageFilters } from '../../state/usage';

const EXPORT_PAGE = 1000;

/**
 * Every record matching the filters, all pages. Pages are newest first, so a call arriving
 * during the export shifts later pages down by one: rows are then seen twice (dropped by id),
 * never missed.
 */
export async function fetchAllRecords(filters: UsageFilters, onProgress: (done: number, total: number) => void): Promise<UsageRecord[]> {
  const api = getClient();
  const byId = new Map<number, UsageRecord>();
  for (let offset = 0; ; offset += EXPORT_PAGE) {
    const page = await api.listUsage({ ...filters, limit: EXPORT_PAGE, offset });
    for (const r of page.records) byId.set(r.id, r);
    onProgress(byId.size, page.total);
    if (page.records.length < EXPORT_PAGE) break;
  }
  return [...byId.values()].sort((a, b) => b.time - a.time || b.id - a.id);
}

export function downloadText(text: string, filename: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export async function exportRequestsCsv(filters: UsageFilters, tz: string, onProgress: (done: number, total: number) => void): Promise<number> {
  const records = await fetchAllRecords(filters, onProgress);
  const today = dayOf(Date.now(), tz);
  downloadText(usageRecordsToCsv(records, tz), `tokentally-requests-${today}.csv`, 'text/csv;charset=utf-8');
  return records.length;
}
