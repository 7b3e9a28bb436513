/**
 * What the savings advisor reads: the user's own calls (a few columns of each ledger row) and the
 * facts it prices them with. Everything is passed in: the advisor reads no clock, no disk.
 */
import type { PerMTokRates } from '../pricing/index.js';
import type { PriceArgs } from '../pricing/index.js';
import type { Nano } from '../money.js';
import type { TokenCounts, UsageRecord } from '../usage.js';

/** One call, as the advisor needs it. */
export type AdvisorCall = Pick<
  UsageRecord,
  | 'id'
  | 'time'
  | 'provider'
  | 'model'
  | 'tag'
  | 'billing'
  | 'status'
  | 'stream'
  | keyof TokenCounts
  | 'costNano'
  | 'priced'
  | 'errorMessage'
> & { serviceTier: string | null; speed: string | null; inferenceGeo: string | null };

/** What the advisor knows of a provider (from its profile in shared/providers/). */
interface AdvisorProviderFacts {
  /** How the provider sells waiting calls at half price (its profile's halfPriceAsync); absent: it does not. */
  halfPriceAsync?: string;
  /** How prompt caching is used with it (its profile's promptCaching). */
  promptCaching?: string;
  /** Models offered for this provider, the smaller-model finding's candidates. */
  models: readonly string[];
}

/** Prices and provider facts, as the core has them (advisorFacts builds them from the registry and the price overrides). */
export interface AdvisorFacts {
  /** A model's rates, the user's overrides applied; null when unpriced (no finding is made on a guess). */
  rates(provider: string, model: string): PerMTokRates | null;
  /** The total of one call priced as priceUsage prices it, overrides applied. */
  priceNano(args: PriceArgs): Nano;
  provider(id: string): AdvisorProviderFacts | null;
}

export interface AdvisorInput {
  /** Epoch ms; the calls looked at are those of the `days` days before it. */
  now: number;
  /** The user's zone: off-hours are read in it. */
  tz: string;
  /** The calls of the window, any billing and status, any order. */
  calls: readonly AdvisorCall[];
  facts: AdvisorFacts;
}
