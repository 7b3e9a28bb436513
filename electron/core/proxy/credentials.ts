import type { BillingMode } from '../../../shared/usage.js';

/**
 * Values a tool may put where its SDK insists on a key (OPENAI_API_KEY=tokentally) to mean
 * "use the key stored in Tokentally". Anything else is a real key and is forwarded as is.
 */
const PLACEHOLDER_KEYS = new Set(['', 'tokentally', 'bearer tokentally', 'bearer']);

/** Claude Code logged in with a Pro/Max account sends its OAuth access token as a bearer token. */
const CLAUDE_OAUTH_BEARER = /^bearer\s+sk-ant-oat/i;

export interface RequestCredentials {
  /** The request carries a real key or token of its own. */
  hasOwnKey: boolean;
  /** Lower-case names of headers holding a placeholder, removed before the stored key goes in. */
  placeholders: string[];
  billing: BillingMode;
}

export function readCredentials(apiKeyHeader: string | undefined, authorization: string | undefined): RequestCredentials {
  const placeholders: string[] = [];
  let hasOwnKey = false;
  if (apiKeyHeader !== undefined) {
    if (PLACEHOLDER_KEYS.has(apiKeyHeader.trim().toLowerCase())) placeholders.push('x-api-key');
    else hasOwnKey = true;
  }
  if (authorization !== undefined) {
    if (PLACEHOLDER_KEYS.has(authorization.trim().toLowerCase())) placeholders.push('authorization');
    else hasOwnKey = true;
  }
  const billing: BillingMode = authorization !== undefined && CLAUDE_OAUTH_BEARER.test(authorization) ? 'subscription' : 'api';
  return { hasOwnKey, placeholders, billing };
}

/** Where a stored key goes: Anthropic's own header, or a bearer token for OpenAI-compatible APIs. */
export function keyHeaderFor(provider: string, key: string): { name: 'x-api-key' | 'authorization'; value: string } {
  return provider === 'anthropic' ? { name: 'x-api-key', value: key } : { name: 'authorization', value: `Bearer ${key}` };
}
