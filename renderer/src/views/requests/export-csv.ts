import { usageRecordsToCsv } from '../../../../shared/report/csv.js';
import { dayOf } from '../../../../shared/time/zoned.js';
import type { UsageRecord } from '../../../../shared/usage.js';
import { getClient } from '../../api/client';
import type { UsageFilters } from '../../state/usage';

const EXPORT_PAGE = 1000;

/**
 * Every record matching the filters, all pages, newest first. Each page continues after the last
 * row of the one before (its cursor), so calls arriving during the export are simply not in it.
 */
async function fetchAllRecords(filters: UsageFilters, onProgress: (done: number, total: number) => void): Promise<UsageRecord[]> {
  const api = getClient();
  const records: UsageRecord[] = [];
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await api.listUsage({ ...filters, limit: EXPORT_PAGE, ...(cursor !== undefined ? { cursor } : {}) });
    records.push(...page.records);
    total = page.total ?? total;
    onProgress(records.length, total);
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return records;
}

function downloadText(text: string, filename: string, type: string): void {
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
