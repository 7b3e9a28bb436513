/**
 * Providers sometimes echo (part of) the key in an error message ("invalid key sk-ant-…"), and
 * those messages are kept: in the ledger's error column, shown in the app, published to a sync
 * folder, in poll errors. Keys are never written in plain text, so every such text passes here
 * first: each secret known to be in play is cut out, and so is any word that looks like a key
 * (looksLikeApiKey), which catches a key the text names that we did not know of.
 */
import { looksLikeApiKey } from './mask-key.js';

const REDACTED = '[key]';

/** Shorter than this, a "secret" is a placeholder (the proxy's "tokentally") or a word: left alone. */
const MIN_SECRET_LENGTH = 8;

export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED);
  return out
    // Words end at spaces and at "=" (key=AIza… in a quoted URL).
    .split(/([\s=]+)/)
    .map((word) => (looksLikeApiKey(word.replace(/^["'(]+|["'),.:;]+$/g, '')) ? redactWord(word) : word))
    .join('');
}

/** The key inside a word, its quotes and punctuation kept ("(sk-…)," → "([key]),"). */
function redactWord(word: string): string {
  const m = /^(["'(]*)(.*?)(["'),.:;]*)$/.exec(word)!;
  return `${m[1]}${REDACTED}${m[3]}`;
}
