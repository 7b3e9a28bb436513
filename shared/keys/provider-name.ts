import { ApiError } from '../api/contract.js';
import { looksLikeApiKey } from './mask-key.js';

const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]*$/;
const MAX_PROVIDER_NAME_LENGTH = 64;

/**
 * A provider id as keys are filed under: lower-case letters, digits and dashes (anthropic,
 * openai, openrouter, deepseek, or a custom provider's name). Upper case is folded. The message
 * never quotes the input: a key pasted in the wrong place must not be echoed.
 */
export function normalizeProviderName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (looksLikeApiKey(trimmed)) {
    throw new ApiError('bad_request', 'that looks like an API key, not a provider name: give the provider (e.g. anthropic) and paste the key separately');
  }
  const folded = trimmed.toLowerCase();
  if (folded.length > 0 && folded.length <= MAX_PROVIDER_NAME_LENGTH && PROVIDER_NAME.test(folded)) return folded;
  throw new ApiError(
    'bad_request',
    `a provider name is 1 to ${MAX_PROVIDER_NAME_LENGTH} lower-case letters, digits and dashes, starting with a letter or digit (e.g. anthropic, openai, openrouter, deepseek)`,
  );
}
