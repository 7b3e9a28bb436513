import type { BillingMode } from '../usage.js';
import type { ClientCredentials, KeyAuth } from './profile.js';

/**
 * Values a tool may put where its SDK insists on a key (OPENAI_API_KEY=tokentally) to mean
 * "use the key stored in Tokentally". Anything else is a real key and is forwarded as is.
 */
const PLACEHOLDER_KEYS = new Set(['', 'tokentally', 'bearer tokentally', 'bearer']);

export function isPlaceholderKey(value: string): boolean {
  return PLACEHOLDER_KEYS.has(value.trim().toLowerCase());
}

/**
 * A client's credentials as the profile's KeyAuth describes them. `subscription` tells a
 * subscription credential (billed to a plan, not an API key) from the others; `billedKey` is the
 * real key the provider will bill, so calls can be told apart by key without storing it.
 */
export function readClientCredentials(
  auth: KeyAuth,
  header: (name: string) => string | undefined,
  queryKey: string | null,
  subscription?: (header: (name: string) => string | undefined) => boolean,
): ClientCredentials {
  const placeholders: string[] = [];
  let billedKey: string | null = null;
  for (const name of auth.clientHeaders) {
    const value = header(name);
    if (value === undefined) continue;
    if (isPlaceholderKey(value)) placeholders.push(name);
    else billedKey ??= bareKey(value);
  }
  let dropQueryKey = false;
  if (queryKey !== null) {
    if (isPlaceholderKey(queryKey)) dropQueryKey = true;
    else billedKey ??= queryKey;
  }
  const hasOwnKey = billedKey !== null;
  const billing: BillingMode = subscription?.(header) ? 'subscription' : 'api';
  return { hasOwnKey, placeholders, dropQueryKey, billing, billedKey: billing === 'api' ? billedKey : null };
}

function bareKey(value: string): string {
  const v = value.trim();
  return /^bearer\s+/i.test(v) ? v.replace(/^bearer\s+/i, '') : v;
}

/** The header a stored key goes in, as the profile's KeyAuth says. */
export function keyHeader(auth: KeyAuth, key: string): { name: string; value: string } {
  return { name: auth.header, value: auth.scheme === null ? key : `${auth.scheme} ${key}` };
}
