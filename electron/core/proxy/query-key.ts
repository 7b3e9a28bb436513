/**
 * A key given in the query (Gemini's `?key=`): read it to know whose key it is, and remove a
 * placeholder before the call goes upstream. Works on the raw query (including its `?`), so
 * every other parameter reaches the provider byte for byte.
 */
export function queryParam(query: string, name: string): string | null {
  if (query.length < 2) return null;
  for (const pair of query.slice(1).split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (key !== name) continue;
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    try {
      return decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      return raw;
    }
  }
  return null;
}

export function withoutQueryParam(query: string, name: string): string {
  if (query.length < 2) return query;
  const kept = query
    .slice(1)
    .split('&')
    .filter((pair) => (pair.indexOf('=') < 0 ? pair : pair.slice(0, pair.indexOf('='))) !== name);
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}
