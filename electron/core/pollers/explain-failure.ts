/**
 * A failed poll in the words a user can act on. Refused keys get the most care: an API key saved
 * where an Admin key belongs is the usual mistake, and some accounts (Anthropic's individual
 * ones) have no Admin API at all: the profile's adminKey.note says so.
 */
import type { KeyKind } from '../../../shared/api/contract.js';
import type { ProviderProfile } from '../../../shared/providers/index.js';
import type { PollError } from './poll-error.js';

/** How to add the key a provider's poller needs (or, given a kind, that kind of key). */
export function addKeyHint(profile: ProviderProfile, kind: KeyKind = profile.reports?.keyKind ?? 'api'): string {
  return kind === 'admin'
    ? `add ${article(profile.adminKey?.label ?? 'Admin key')} with: tokentally keys set ${profile.id} --admin (or in Settings → Providers)`
    : `add its API key with: tokentally keys set ${profile.id} (or in Settings → Providers)`;
}

function article(label: string): string {
  return /^[AEIOU]/.test(label) ? `an ${label}` : `a ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
}

export function explainFailure(profile: ProviderProfile, err: PollError, key: string | null, kind: KeyKind): string {
  const name = profile.label;
  if (err.kind === 'no-key') return `${err.message}: ${addKeyHint(profile)}`;
  if (err.kind !== 'unauthorized' && err.kind !== 'forbidden') return err.message;
  const admin = profile.adminKey;
  if (kind === 'admin' && admin?.prefix) {
    if (key !== null && !key.startsWith(admin.prefix)) {
      return (
        `the key is not an admin key: ${name} usage reports need an Admin key (${admin.prefix}…)` +
        (admin.note ? `; ${admin.note}` : '; an organization owner creates one in the API platform settings')
      );
    }
    if (err.kind === 'unauthorized') return `${name} refused the Admin key: it was revoked, expired or mistyped — ${addKeyHint(profile)}`;
    return admin.note
      ? `the Admin key may not read usage reports: ${admin.note}`
      : `the Admin key may not read the organization's usage and costs (it needs read access to usage)`;
  }
  return err.kind === 'unauthorized'
    ? `${name} refused the key: it was revoked or mistyped — ${addKeyHint(profile, kind)}`
    : `${name} refused access with this key (HTTP 403)`;
}
