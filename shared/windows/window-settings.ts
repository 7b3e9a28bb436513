/**
 * The plan windows' settings: the notification thresholds, and the user's labels for the
 * accounts seen (an organization id means nothing to a person). Validation as shared/settings.ts
 * does it: a normalised copy, or ApiError('bad_request') naming the field.
 */
import { ApiError } from '../api/contract.js';
import type { WindowAccountLabel } from '../api/contract-windows.js';
import { normalizeProviderName } from '../keys/provider-name.js';
import { errorMessage } from '../error-message.js';

const MAX_ALERTS = 10;
const MAX_LABELS = 50;
const MAX_TEXT = 100;

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

/** Percentages above 0 and at most 100, ascending, each once. */
export function validateWindowAlerts(v: unknown): number[] {
  if (!Array.isArray(v)) bad('windowAlerts must be a list of percentages, e.g. [50, 75, 90]');
  if (v.length > MAX_ALERTS) bad(`windowAlerts has more than ${MAX_ALERTS} entries`);
  for (const t of v) {
    if (typeof t !== 'number' || !Number.isFinite(t) || t <= 0 || t > 100) bad(`windowAlerts are percentages above 0 and at most 100, got ${JSON.stringify(t)}`);
  }
  return [...new Set(v as number[])].sort((a, b) => a - b);
}

export function validateWindowAccounts(v: unknown): WindowAccountLabel[] {
  if (!Array.isArray(v)) bad('windowAccounts must be a list of {provider, account, label}');
  if (v.length > MAX_LABELS) bad(`windowAccounts has more than ${MAX_LABELS} entries`);
  const seen = new Set<string>();
  return v.map((entry, i) => {
    const what = `windowAccounts[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) bad(`${what} must be an object`);
    const o = entry as Record<string, unknown>;
    for (const key of Object.keys(o)) if (!['provider', 'account', 'label'].includes(key)) bad(`${what}: unknown field "${key}" (expected provider, account, label)`);
    let provider: string;
    try {
      provider = normalizeProviderName(String(o.provider ?? ''));
    } catch (err) {
      return bad(`${what}.provider: ${errorMessage(err)}`);
    }
    const account = typeof o.account === 'string' ? o.account.trim() : '';
    const label = typeof o.label === 'string' ? o.label.trim() : '';
    if (account === '' || account.length > MAX_TEXT) bad(`${what}.account must be the account id shown by \`tokentally windows\` (or "default")`);
    if (label === '' || label.length > MAX_TEXT) bad(`${what}.label must be non-empty text of at most ${MAX_TEXT} characters`);
    const key = `${provider}\u0000${account}`;
    if (seen.has(key)) bad(`${what}: ${provider} account ${account} is labelled twice`);
    seen.add(key);
    return { provider, account, label };
  });
}

/** What a person calls a provider's plan: Claude plans cover Anthropic models, ChatGPT plans OpenAI's. */
const PLAN_BRANDS: Readonly<Record<string, string>> = { anthropic: 'Claude', openai: 'ChatGPT' };

/**
 * The label of an account: the user's, else the plan brand ("Claude"), with the end of the
 * account id when the provider has more than one account ("Claude (…6a4b)").
 */
export function accountLabel(provider: string, account: string, labels: readonly WindowAccountLabel[], accountsOfProvider: number): string {
  const own = labels.find((l) => l.provider === provider && l.account === account);
  if (own) return own.label;
  const brand = PLAN_BRANDS[provider] ?? provider;
  return accountsOfProvider > 1 && account !== 'default' ? `${brand} (…${account.slice(-4)})` : brand;
}
