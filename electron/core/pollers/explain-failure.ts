/**
 * A failed poll in the words a user can act on. Refused keys get the most care: an API key saved
 * where an Admin key belongs is the usual mistake, and Anthropic's individual accounts have no
 * Admin API at all.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import { looksLikeAdminKey } from '../../../shared/keys/mask-key.js';
import type { PollError } from './poll-error.js';
import type { PolledProvider } from './poll-types.js';

export const PROVIDER_NAMES: Record<PolledProvider, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI',
  openrouter: 'OpenRouter',
  deepseek: 'DeepSeek',
};

const ADMIN_PREFIX: Partial<Record<PolledProvider, string>> = { anthropic: 'sk-ant-admin…', openai: 'sk-admin-…' };
const INDIVIDUAL = 'individual accounts have no usage API — it needs an organization admin key';

/** How to add the key a provider's poller needs (or, given a kind, that kind of key). */
export function addKeyHint(provider: PolledProvider, kind: KeyKind = ADMIN_PREFIX[provider] ? 'admin' : 'api'): string {
  return kind === 'admin'
    ? `add an Admin key with: tokentally keys set ${provider} --admin (or in Settings → Providers)`
    : `add its API key with: tokentally keys set ${provider} (or in Settings → Providers)`;
}

export function explainFailure(provider: PolledProvider, err: PollError, key: string | null, kind: KeyKind): string {
  const name = PROVIDER_NAMES[provider];
  if (err.kind === 'no-key') return `${err.message}: ${addKeyHint(provider)}`;
  if (err.kind !== 'unauthorized' && err.kind !== 'forbidden') return err.message;
  if (kind === 'admin' && ADMIN_PREFIX[provider]) {
    if (key !== null && !looksLikeAdminKey(provider, key)) {
      return (
        `the key is not an admin key: ${name} usage reports need an Admin key (${ADMIN_PREFIX[provider]})` +
        (provider === 'anthropic' ? `; ${INDIVIDUAL}` : '; an organization owner creates one in the API platform settings')
      );
    }
    if (err.kind === 'unauthorized') return `${name} refused the Admin key: it was revoked, expired or mistyped — ${addKeyHint(provider)}`;
    return provider === 'anthropic'
      ? `the Admin key may not read usage reports: ${INDIVIDUAL}`
      : `the Admin key may not read the organization's usage and costs (it needs read access to usage)`;
  }
  return err.kind === 'unauthorized'
    ? `${name} refused the key: it was revoked or mistyped — ${addKeyHint(provider, kind)}`
    : `${name} refused access with this key (HTTP 403)`;
}
