/** The price list in force, and keeping it current (issue 14.4): part of the one typed API. */
import type { Day } from './contract.js';
import type { PriceDataInfo } from '../pricing/price-data.js';
import type { DayGap } from '../reconcile/explain-gap.js';

export type { PriceDataInfo, DayGap };

export interface RefreshPriceDataResult {
  outcome: 'updated' | 'unchanged';
  info: PriceDataInfo;
  /** "provider/model" ids the new list added. */
  newModels: string[];
  url: string;
}

export interface RepriceStoredResult {
  examined: number;
  changed: number;
  deltaNano: number;
  priceVersion: string;
}

export interface PricesApi {
  /** Which price list is in force (bundled with the app, or downloaded) and its date. */
  priceDataInfo(): Promise<PriceDataInfo>;
  /** Download the price library's published list now; a failure changes nothing and says why. */
  refreshPriceData(): Promise<RefreshPriceDataResult>;
  /** Re-price stored calls with the list in force (only ever on request); both ends optional. */
  repriceStoredCalls(args?: { since?: Day; until?: Day }): Promise<RepriceStoredResult>;
  /**
   * Per UTC day and model, the provider's cost report beside the proxy's rows by kind of cost
   * (tokens, long context, web search, code execution, a model the proxy never saw), with the gap in
   * words. Needs a cost report broken down (Anthropic); default: the last 30 UTC days.
   */
  reconciliationByKind(args: { provider: string; since?: Day; until?: Day }): Promise<DayGap[]>;
}

export const PRICES_METHODS = {
  priceDataInfo: true,
  refreshPriceData: true,
  repriceStoredCalls: true,
  reconciliationByKind: true,
} as const satisfies Record<keyof PricesApi, true>;
