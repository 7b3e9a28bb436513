/**
 * The check Settings.subscriptions passes before it is stored. A catalog plan may be given by its
 * id alone: name, provider and price come from the catalog; a custom plan names all three.
 * Returns normalised copies; throws ApiError('bad_request') naming the offending entry and field.
 */
import { ApiError } from '../api/contract.js';
import type { Subscription } from '../api/contract-subscriptions.js';
import { normalizeProviderName } from '../keys/provider-name.js';
import { parseDay } from '../time/zoned.js';
import { findPlan, PLAN_CATALOG } from './catalog.js';
import { errorMessage } from '../error-message.js';

const MAX_SUBSCRIPTIONS = 20;
const MAX_SEATS = 10_000;
/** $100,000 a seat a month: anything above is surely a typo (or not nano-dollars). */
const MAX_MONTHLY_NANO = 100_000 * 1_000_000_000;
const FIELDS = ['plan', 'name', 'provider', 'monthlyNano', 'seats', 'renewalDay', 'since'] as const;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function entry(v: unknown, what: string): Subscription {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`${what} must be an object`);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(FIELDS as readonly string[]).includes(key)) bad(`${what}: unknown field "${key}" (expected ${FIELDS.join(', ')})`);
  }
  const custom = o.plan === 'custom';
  const plan = custom ? undefined : findPlan(String(o.plan));
  if (!custom && !plan) bad(`${what}.plan must be "custom" or one of ${PLAN_CATALOG.map((p) => p.id).join(', ')}, got ${JSON.stringify(o.plan)}`);
  const given = (key: string) => o[key] !== undefined && o[key] !== null && o[key] !== '';

  let name = plan?.name ?? '';
  if (given('name')) {
    if (typeof o.name !== 'string' || o.name.trim() === '') bad(`${what}.name must be non-empty text`);
    if (o.name.trim().length > 100) bad(`${what}.name is longer than 100 characters`);
    name = o.name.trim();
  } else if (custom) bad(`${what}.name: a custom plan needs a name`);

  let provider = plan?.provider ?? '';
  if (given('provider')) {
    try {
      provider = normalizeProviderName(String(o.provider));
    } catch (err) {
      bad(`${what}.provider: ${errorMessage(err)}`);
    }
  } else if (custom) bad(`${what}.provider: a custom plan names the provider whose usage it covers (e.g. anthropic)`);

  let monthlyNano = plan?.monthlyNano ?? 0;
  if (given('monthlyNano')) {
    if (!Number.isSafeInteger(o.monthlyNano) || (o.monthlyNano as number) < 0 || (o.monthlyNano as number) > MAX_MONTHLY_NANO) {
      bad(`${what}.monthlyNano must be a whole number of nano-dollars from 0 to ${MAX_MONTHLY_NANO} ($1 = 1000000000)`);
    }
    monthlyNano = o.monthlyNano as number;
  } else if (custom) bad(`${what}.monthlyNano: a custom plan needs its monthly price`);

  let seats = 1;
  if (given('seats')) {
    if (!Number.isInteger(o.seats) || (o.seats as number) < 1 || (o.seats as number) > MAX_SEATS) bad(`${what}.seats must be a whole number from 1 to ${MAX_SEATS}`);
    seats = o.seats as number;
  }

  let renewalDay = 1;
  if (given('renewalDay')) {
    if (!Number.isInteger(o.renewalDay) || (o.renewalDay as number) < 1 || (o.renewalDay as number) > 28) {
      bad(`${what}.renewalDay must be a day of the month from 1 to 28, got ${JSON.stringify(o.renewalDay)}`);
    }
    renewalDay = o.renewalDay as number;
  }

  let since: string | null = null;
  if (given('since')) {
    try {
      since = parseDay(o.since);
    } catch (err) {
      bad(`${what}.since: ${errorMessage(err)}`);
    }
  }
  return { plan: custom ? 'custom' : plan!.id, name, provider, monthlyNano, seats, renewalDay, since };
}

export function validateSubscriptions(v: unknown): Subscription[] {
  if (!Array.isArray(v)) bad('subscriptions must be a list');
  if (v.length > MAX_SUBSCRIPTIONS) bad(`subscriptions has more than ${MAX_SUBSCRIPTIONS} entries`);
  const names = new Set<string>();
  return v.map((item, i) => {
    const s = entry(item, `subscriptions[${i}]`);
    const key = s.name.toLowerCase();
    if (names.has(key)) bad(`subscriptions[${i}].name: "${s.name}" is listed twice (give each subscription its own name)`);
    names.add(key);
    return s;
  });
}
