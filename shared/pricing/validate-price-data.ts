/**
 * Checks a downloaded price list before it replaces the one in force: the shape of
 * @pydantic/genai-prices' published data file (a JSON array of providers, each with models and
 * their prices; https://raw.githubusercontent.com/pydantic/genai-prices/main/prices/new_data/v2/data.json,
 * the library's REMOTE_DATA_JSON_URL, checked 2026-12-07), and enough of it to be a whole list: a
 * truncated or wrong file must never price calls. Throws a RangeError saying what is wrong.
 */
import type { Provider } from '@pydantic/genai-prices';

/** Providers a usable list must have, with at least this many models each. */
const REQUIRED_PROVIDERS = ['anthropic', 'openai'];
const MIN_MODELS = 5;

function fail(what: string): never {
  throw new RangeError(`the price data is not usable: ${what}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPrice(value: unknown, where: string): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) fail(`${where} is not a non-negative number`);
    return;
  }
  if (!isObject(value) || typeof value.base !== 'number' || !Array.isArray(value.tiers)) fail(`${where} is neither a number nor {base, tiers}`);
  checkPrice(value.base, `${where}.base`);
  (value.tiers as unknown[]).forEach((t, i) => {
    if (!isObject(t) || typeof t.start !== 'number') fail(`${where}.tiers[${i}] has no start`);
    checkPrice(t.price, `${where}.tiers[${i}].price`);
  });
}

function checkPriceSet(set: unknown, where: string): void {
  if (!isObject(set)) fail(`${where} is not an object`);
  for (const [unit, value] of Object.entries(set)) if (value !== undefined) checkPrice(value, `${where}.${unit}`);
}

export interface PriceDataSummary {
  providers: number;
  models: number;
  /** "provider/model" for every model, to tell what a new list adds. */
  modelIds: string[];
}

export function validatePriceData(data: unknown): { providers: Provider[]; summary: PriceDataSummary } {
  if (!Array.isArray(data)) fail('expected a JSON array of providers');
  const modelIds: string[] = [];
  const seen = new Map<string, number>();
  data.forEach((p, i) => {
    if (!isObject(p) || typeof p.id !== 'string' || p.id === '') fail(`provider ${i} has no id`);
    if (typeof p.name !== 'string' || typeof p.api_pattern !== 'string') fail(`provider "${p.id}" lacks name or api_pattern`);
    if (!Array.isArray(p.models)) fail(`provider "${p.id}" has no models list`);
    p.models.forEach((m: unknown, j: number) => {
      if (!isObject(m) || typeof m.id !== 'string' || m.id === '') fail(`provider "${p.id}" model ${j} has no id`);
      if (!isObject(m.match)) fail(`model "${p.id}/${m.id}" has no match rule`);
      const where = `"${p.id}/${m.id}" prices`;
      if (Array.isArray(m.prices)) {
        if (m.prices.length === 0) fail(`${where} is empty`);
        m.prices.forEach((c: unknown, k: number) => {
          if (!isObject(c)) fail(`${where}[${k}] is not an object`);
          checkPriceSet(c.prices, `${where}[${k}].prices`);
        });
      } else checkPriceSet(m.prices, where);
      modelIds.push(`${p.id}/${m.id}`);
    });
    seen.set(p.id, p.models.length);
  });
  for (const id of REQUIRED_PROVIDERS) {
    if ((seen.get(id) ?? 0) < MIN_MODELS) fail(`it has ${seen.get(id) ?? 0} ${id} models (a whole list has at least ${MIN_MODELS})`);
  }
  return { providers: data as Provider[], summary: { providers: data.length, models: modelIds.length, modelIds } };
}
