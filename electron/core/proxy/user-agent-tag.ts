/**
 * The product a User-Agent names, as a default tag: "claude-cli/2.0.14 (external, cli)" → "claude-cli",
 * "Anthropic/JS 0.57.0" → "Anthropic/JS", "OpenAI/Python 1.99.1" → "OpenAI/Python". The product's
 * own slash is kept when what follows it is not a version ("JS", "Python"); a version is dropped.
 */
const MAX_LENGTH = 40;

export function tagFromUserAgent(ua: string | undefined | null): string | null {
  if (typeof ua !== 'string') return null;
  const first = ua.trim().split(/\s+/, 1)[0] ?? '';
  if (first === '') return null;
  let product = first;
  const slash = first.indexOf('/');
  if (slash === 0) return null;
  if (slash > 0) {
    const after = first.slice(slash + 1);
    if (after === '' || /^v?\d/i.test(after)) product = first.slice(0, slash);
  }
  // Every browser says Mozilla/5.0 first: the product name carries no information there.
  if (product === 'Mozilla') return 'browser';
  product = product.replace(/[^\w.\-/@+]/g, '');
  if (product === '') return null;
  return product.slice(0, MAX_LENGTH);
}
