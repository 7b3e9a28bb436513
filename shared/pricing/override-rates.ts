/** User price overrides (Settings.priceOverrides): they win over the data for the models they name. */
import type { PriceOverride } from '../api/contract.js';
import { completeRates, flatRate, type DataRates, type ModelRates } from './model-rates.js';

/**
 * The override for this provider and model: same model id (case-insensitive, exact otherwise);
 * one naming this provider beats one for any provider (provider null). First in the list wins a tie.
 */
export function findOverride(
  overrides: readonly PriceOverride[] | undefined,
  provider: string,
  model: string,
): PriceOverride | undefined {
  if (!overrides || overrides.length === 0) return undefined;
  const wantModel = model.trim().toLowerCase();
  const wantProvider = provider.trim().toLowerCase();
  const sameModel = overrides.filter((o) => o.model.trim().toLowerCase() === wantModel);
  return (
    sameModel.find((o) => o.provider !== null && o.provider.trim().toLowerCase() === wantProvider) ??
    sameModel.find((o) => o.provider === null)
  );
}

function checkRate(o: PriceOverride, field: keyof PriceOverride, value: unknown, required = false): number | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`price override for "${o.model}": ${field} must be a non-negative number of USD per million tokens`);
  }
  return value;
}

/**
 * Rates of an override, completed by the same rules as the data: a cache-read price the user did
 * not type is not assumed to be discounted (billed as input, the conservative choice); a cache
 * write defaults to 1.25× input for 5 minutes, and a 1-hour write is 2× input.
 */
export function ratesFromOverride(o: PriceOverride): ModelRates {
  const rates: DataRates = {
    input: flatRate(checkRate(o, 'inputPerMTok', o.inputPerMTok, true) ?? 0),
    output: flatRate(checkRate(o, 'outputPerMTok', o.outputPerMTok, true) ?? 0),
  };
  const cacheRead = checkRate(o, 'cacheReadPerMTok', o.cacheReadPerMTok);
  if (cacheRead !== undefined) rates.cacheRead = flatRate(cacheRead);
  const cacheWrite = checkRate(o, 'cacheWritePerMTok', o.cacheWritePerMTok);
  if (cacheWrite !== undefined) rates.cacheWrite5m = flatRate(cacheWrite);
  return completeRates(rates);
}
