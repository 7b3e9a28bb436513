/**
 * The one door to @pydantic/genai-prices' data: the list bundled with the installed package, or
 * one the user downloaded from the library's published source (installPriceData; fetching and
 * storing it is the core's job, electron/core/prices/). Matching model ids is the library's job;
 * this file adds only the normalisation the wire needs and the library lacks.
 */
import { calcPrice, findProvider, updatePrices, waitForUpdate, type ModelInfo, type ModelPrice, type Provider } from '@pydantic/genai-prices';
import { PRICE_DATA_VERSION } from './price-data-version.js';
import { validatePriceData, type PriceDataSummary } from './validate-price-data.js';

/**
 * Every provider in the data in force. The library exposes the bundled list only as a promise;
 * without updatePrices it is the bundled array and resolves at once.
 */
export let DATA_PROVIDERS: readonly Provider[] = (await waitForUpdate()) ?? [];
const BUNDLED: readonly Provider[] = DATA_PROVIDERS;

/** Which list is in force: stored with every priced row, shown in Settings and `tokentally prices`. */
export interface PriceDataInfo {
  source: 'bundled' | 'downloaded';
  /** The row's priceVersion: genai-prices@0.1.8, or genai-prices-data@<the download's date>. */
  version: string;
  /** When the downloaded list was published (its Last-Modified) or fetched; null for the bundled one. */
  date: string | null;
  providers: number;
  models: number;
}

let info: PriceDataInfo = { source: 'bundled', version: PRICE_DATA_VERSION, date: null, providers: BUNDLED.length, models: BUNDLED.reduce((n, p) => n + p.models.length, 0) };
const listeners: (() => void)[] = [];

export function priceDataInfo(): PriceDataInfo {
  return info;
}

/** The priceVersion of rows priced now. */
export function currentPriceVersion(): string {
  return info.version;
}

/** Called after the list in force changed (caches keyed on the old list clear themselves). */
export function onPriceDataChange(listener: () => void): void {
  listeners.push(listener);
}

function install(providers: readonly Provider[], next: PriceDataInfo): void {
  // The library checks the list again (its own constraint rules) and throws before switching.
  updatePrices(({ setProviderData }) => setProviderData(providers as Provider[]));
  DATA_PROVIDERS = providers;
  info = next;
  remembered.clear();
  for (const listener of listeners) listener();
}

/**
 * Put a downloaded list in force (validated first: a bad list throws and the one in force stays).
 * `date` is the list's date (ISO 8601); it names the rows priced with it.
 */
export function installPriceData(data: unknown, date: string): PriceDataSummary {
  const { providers, summary } = validatePriceData(data);
  install(providers, { source: 'downloaded', version: `genai-prices-data@${date}`, date, providers: summary.providers, models: summary.models });
  return summary;
}

/** The list in force, for another thread to price with the same one (adoptPriceData). */
export interface PriceDataSnapshot {
  /** null: the bundled list. */
  providers: readonly Provider[] | null;
  info: PriceDataInfo;
}

export function priceDataSnapshot(): PriceDataSnapshot {
  return { providers: info.source === 'bundled' ? null : DATA_PROVIDERS, info };
}

/** Puts in force, in this thread, the list another thread had in force (its priceDataSnapshot). */
export function adoptPriceData(snapshot: PriceDataSnapshot): void {
  if (snapshot.providers === null) {
    if (info.source !== 'bundled') useBundledPriceData();
    return;
  }
  install(snapshot.providers, snapshot.info);
}

/** Back to the list bundled with the package. */
export function useBundledPriceData(): void {
  install(BUNDLED, { source: 'bundled', version: PRICE_DATA_VERSION, date: null, providers: BUNDLED.length, models: BUNDLED.reduce((n, p) => n + p.models.length, 0) });
}

/** A model found in the data, with the price set in force at the requested time. */
export interface DataMatch {
  /** Provider id in the data (may differ from the one asked for, see matchModel). */
  providerId: string;
  modelId: string;
  model: ModelInfo;
  price: ModelPrice;
}

/** The data's provider for an id (exact id first, then the data's own provider_match). */
export function findDataProvider(provider: string): Provider | undefined {
  const id = provider.trim();
  return id === '' ? undefined : findProvider({ providerId: id });
}

interface Found {
  providerId: string;
  model: ModelInfo;
  /** The id and provider calcPrice matched with, to ask it again for date-constrained prices. */
  query: { model: string; providerId: string | undefined };
}

function lookup(model: string, providerId: string | undefined): Found | null {
  if (model === '') return null;
  const options = providerId === undefined ? {} : { providerId };
  // Zero usage: we only want the match; the arithmetic is ours.
  const result = calcPrice({ input_tokens: 0, output_tokens: 0 }, model, options);
  if (!result) return null;
  return { providerId: result.provider.id, model: result.model, query: { model, providerId } };
}

function find(provider: string, model: string): Found | null {
  const id = model.trim();
  const providerId = provider.trim().toLowerCase();
  const known = providerId !== '' && findDataProvider(providerId) !== undefined;

  const direct = lookup(id, known ? providerId : undefined);
  if (direct) return direct;

  const slash = id.indexOf('/');
  if (slash > 0) {
    const vendorData = findDataProvider(id.slice(0, slash));
    if (vendorData) return lookup(id.slice(slash + 1), vendorData.id);
  }
  return null;
}

// Matching costs ~20 µs in the library and the answer never changes: remember it (bounded, since
// model ids come from the wire).
const MAX_REMEMBERED = 2000;
const remembered = new Map<string, Found | null>();

function findRemembered(provider: string, model: string): Found | null {
  const key = `${provider.trim().toLowerCase()}\u0000${model.trim().toLowerCase()}`;
  const hit = remembered.get(key);
  if (hit !== undefined) return hit;
  const found = find(provider, model);
  if (remembered.size >= MAX_REMEMBERED) remembered.clear();
  remembered.set(key, found);
  return found;
}

/**
 * The model's price set in force at `at`. Prices that change only on start dates (the common case:
 * Anthropic's 2026-03-13 change) are chosen here exactly as the library does (the latest start date
 * not after `at`; tested against calcPrice); anything else (time-of-day prices, or no `at`) is asked
 * of calcPrice itself. This keeps a ledger import at a few µs a row instead of ~30.
 */
function priceInForce(found: Found, at: Date | undefined): ModelPrice | null {
  const prices = found.model.prices;
  if (!Array.isArray(prices)) return prices;
  const startDateOnly = prices.every((c) => c.constraint === undefined || c.constraint.type === 'start_date');
  if (at !== undefined && startDateOnly && !Number.isNaN(at.getTime())) {
    for (let i = prices.length - 1; i >= 0; i--) {
      const { constraint, prices: set } = prices[i]!;
      if (constraint === undefined || (constraint.type === 'start_date' && at >= new Date(constraint.start_date))) return set;
    }
    return prices[0]?.prices ?? null;
  }
  const options: { providerId?: string; timestamp?: Date } = {};
  if (found.query.providerId !== undefined) options.providerId = found.query.providerId;
  if (at !== undefined) options.timestamp = at;
  return calcPrice({ input_tokens: 0, output_tokens: 0 }, found.query.model, options)?.model_price ?? null;
}

/**
 * Find the model in the data.
 * - A provider the data knows is searched as is (the library already handles dated ids such as
 *   claude-sonnet-4-20250514 and case).
 * - "vendor/model" ids (OpenRouter style, or sent to the vendor itself) fall back to the vendor's
 *   own data when the provider asked for lacks that id.
 * - A provider the data does not know (a user-defined OpenAI-compatible endpoint) is inferred from
 *   the model id, as the library does when no provider is given.
 * `at` selects date-constrained prices (the library's own rules); omitted, the library uses the current time.
 */
export function matchModel(provider: string, model: string, at?: Date): DataMatch | null {
  const found = findRemembered(provider, model);
  if (!found) return null;
  const price = priceInForce(found, at);
  if (!price) return null;
  return { providerId: found.providerId, modelId: found.model.id, model: found.model, price };
}
