import { ApiError, type KeyKind } from '../api/contract.js';
import { isPlaceholderKey } from '../providers/credentials.js';
import { BUILT_IN_REGISTRY } from '../providers/registry.js';

/** Longest first: the first that matches is the one shown. None of these carries any secret. */
const KNOWN_PREFIXES = [
  'sk-ant-admin',
  'sk-ant-',
  'sk-or-v1-',
  'sk-proj-',
  'sk-svcacct-',
  'sk-admin-',
  'sk-',
  'gsk_',
  'xai-',
  'pplx-',
  'AIza',
] as const;

const MIN_KEY_LENGTH = 8;
const MAX_KEY_LENGTH = 4096;

/**
 * A hint that lets the user recognise a key without revealing it: "sk-ant-…9xQa". At most a
 * quarter of the key's characters are shown (known prefix included), so short keys show little
 * or nothing.
 */
export function maskKey(key: string): string {
  const budget = Math.floor(key.length / 4);
  const tail = Math.min(4, Math.floor(key.length / 8));
  const prefix = KNOWN_PREFIXES.find((p) => key.startsWith(p)) ?? '';
  const head = prefix.length + tail <= budget ? prefix : '';
  return `${head}…${tail > 0 ? key.slice(-tail) : ''}`;
}

/**
 * The key as it should be stored: trimmed, one token of printable ASCII (what an HTTP header can
 * carry). Throws a bad_request ApiError whose message never quotes the key.
 */
export function validateKeyText(key: string): string {
  if (typeof key !== 'string') throw new ApiError('bad_request', 'the key must be text');
  const trimmed = key.trim();
  if (trimmed.length === 0) throw new ApiError('bad_request', 'the key is empty: paste the whole key');
  // `echo $OPENAI_API_KEY | tokentally keys set openai` after the README's OPENAI_API_KEY=tokentally.
  if (isPlaceholderKey(trimmed)) {
    throw new ApiError('bad_request', `"${trimmed}" is the placeholder tools send to the proxy to use the stored key, not a key: paste the provider's own key`);
  }
  if (/\s/.test(trimmed)) {
    throw new ApiError('bad_request', 'the key contains spaces or line breaks: paste exactly one key, on one line');
  }
  if (trimmed.length > MAX_KEY_LENGTH) {
    throw new ApiError('bad_request', `that is ${trimmed.length} characters, too long to be an API key (at most ${MAX_KEY_LENGTH})`);
  }
  if (trimmed.length < MIN_KEY_LENGTH) {
    throw new ApiError('bad_request', `that is ${trimmed.length} characters, too short to be an API key (at least ${MIN_KEY_LENGTH})`);
  }
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new ApiError('bad_request', 'the key contains characters API keys never use (only plain ASCII letters, digits and punctuation)');
  }
  return trimmed;
}

/**
 * Whether some text (an argument, a field meant for a name) is probably a key pasted in the wrong
 * place: a known key prefix, or a long token mixing upper case, lower case and digits.
 */
export function looksLikeApiKey(text: string): boolean {
  if (/^(sk-|gsk_|xai-|pplx-|AIza)/.test(text) && text.length >= 20) return true;
  return text.length >= 32 && /^[A-Za-z0-9_-]+$/.test(text) && /[A-Z]/.test(text) && /[a-z]/.test(text) && /[0-9]/.test(text);
}

/** The built-in profile's admin-key facts, when its admin keys can be told apart by their prefix. */
function adminKeyOf(provider: string): { label: string; name: string; prefix: string } | null {
  const profile = BUILT_IN_REGISTRY.get(provider.toLowerCase());
  const prefix = profile?.adminKey?.prefix;
  return profile && prefix ? { label: profile.adminKey!.label, name: profile.label, prefix } : null;
}

/** Admin keys read organisation usage and cost reports; they cannot call the model APIs. */
export function looksLikeAdminKey(provider: string, key: string): boolean {
  const admin = adminKeyOf(provider);
  return admin !== null && key.startsWith(admin.prefix);
}

/** A friendly warning when a key seems stored in the wrong slot, or null. Never blocks: formats change. */
export function keyKindWarning(provider: string, kind: KeyKind, key: string): string | null {
  const known = adminKeyOf(provider);
  if (!known) return null;
  const admin = key.startsWith(known.prefix);
  if (kind === 'api' && admin) {
    return `this looks like an ${known.name} ${known.label} (${known.prefix}…), which can read usage reports but cannot call the API; store it as an admin key instead`;
  }
  if (kind === 'admin' && !admin) {
    return `this does not look like an ${known.name} ${known.label} (those start with ${known.prefix}); usage and cost reports need one`;
  }
  return null;
}
