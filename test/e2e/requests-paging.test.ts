/**
 * The Requests page over more rows than one page, served by `tokentally serve --ui` in headless
 * Chromium: "Show more" continues after the last row shown (a cursor, not an offset), even when
 * new calls arrive at the top meanwhile, and the CSV export walks every page.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../shared/format.js';
import { USAGE_CSV_HEADER } from '../../shared/report/csv.js';
import { parseCsv } from '../support/parse-csv.js';
import { fillLedger } from '../support/seed.js';
import { startServe } from '../support/serve-process.js';
import { useTempDirs } from '../support/temp-dir.js';
import { usage } from '../integration/ledger-fixtures.js';
import { collectPageErrors, useChromium } from './chromium.js';

const tempDir = useTempDirs();
const browser = useChromium();

/** Rows a minute apart ending an hour ago; costs are their index, so each row is recognisable. */
const ROWS = 1_234;
const END = Date.now() - 3_600_000;

describe('Requests page paging', () => {
  it('shows more rows page by page after the last one shown, and exports every page', async () => {
    const dataDir = tempDir();
    const ids = fillLedger(dataDir, {
      settings: { timezone: 'UTC' },
      usage: Array.from({ length: ROWS }, (_, i) => usage({ time: END - (ROWS - i) * 60_000, costNano: (i + 1) * 1_000_000 })),
    }).map((r) => r.id);
    const serve = await startServe(['--port', '0', '--data-dir', dataDir, '--ui']);
    const context = await browser().newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
    try {
      const url = serve.output().split('\n').find((l) => l.startsWith('UI:'))!.replace(/^UI:\s+/, '');
      const page = await context.newPage();
      const errors = collectPageErrors(page);
      await page.goto(`${url}#/requests`);
      const rows = page.locator('[data-testid=requests-table] tbody tr');
      await expect.poll(() => rows.count()).toBe(100);
      const shownIds = async () => (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id')))));
      expect(await shownIds()).toEqual([...ids].reverse().slice(0, 100));
      expect(await page.getByTestId('totals-requests').innerText()).toBe(formatCount(ROWS));

      // A call arriving at the top must not shift the next page (an offset would repeat a row).
      const newest = fillLedger(dataDir, { usage: [usage({ time: END + 60_000, costNano: 1 })] })[0]!.id;
      const more = page.getByRole('button', { name: /Show more/ });
      await more.click();
      await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(200);
      const after = await shownIds();
      expect(new Set(after).size).toBe(after.length);
      // Everything shown is newest first and, past the first page, exactly the next older rows.
      expect(after.filter((id) => id !== newest)).toEqual([...ids].reverse().slice(0, after.filter((id) => id !== newest).length));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
      const csv = parseCsv(fs.readFileSync((await download.path())!, 'utf8'));
      expect(csv[0]).toEqual([...USAGE_CSV_HEADER]);
      const exported = csv.slice(1).map((row) => Number(row[USAGE_CSV_HEADER.indexOf('id')]));
      // More rows than one export page (1,000): all of them, each once.
      expect(exported.sort((a, b) => a - b)).toEqual([...ids, newest].sort((a, b) => a - b));
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await serve.stop();
    }
  }, 120_000);
});
