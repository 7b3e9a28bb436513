/**
 * The opt-in daily check of the published price list (Settings → priceDataDailyCheck, off by
 * default). While it is on, the core looks every hour whether a day has passed since the last
 * download and then downloads once; a failure is logged and the list in force stays.
 */
import { dailyCheckDue, refreshPriceData } from './price-data-file.js';
import { errorMessage } from '../../../shared/error-message.js';

const LOOK_EVERY_MS = 60 * 60 * 1000;

export interface DailyCheck {
  /** Settings changed: start or stop. */
  update(enabled: boolean): void;
  stop(): void;
}

export function createDailyPriceCheck(opts: { dataDir: string; url: string; now: () => number; log: (line: string) => void; onUpdated: () => void }): DailyCheck {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const look = async () => {
    if (running || !dailyCheckDue(opts.dataDir, opts.now())) return;
    running = true;
    try {
      const result = await refreshPriceData({ dataDir: opts.dataDir, url: opts.url, now: opts.now() });
      opts.log(`prices: daily check: ${result.outcome}, ${result.info.version}${result.newModels.length > 0 ? `, ${result.newModels.length} new models` : ''}`);
      if (result.outcome === 'updated') opts.onUpdated();
    } catch (err) {
      opts.log(`prices: daily check failed, the price data in force is unchanged: ${errorMessage(err)}`);
    } finally {
      running = false;
    }
  };
  return {
    update(enabled) {
      if (enabled && timer === null) {
        timer = setInterval(() => void look(), LOOK_EVERY_MS);
        timer.unref();
        void look();
      } else if (!enabled && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
  };
}
