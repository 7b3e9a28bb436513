/**
 * Message Batch objects name where their results are (`results_url`, an absolute URL on the
 * provider). SDKs fetch that URL as it is, which would bypass the proxy and leave batch usage
 * unlogged; so a results_url under the upstream base is pointed at the same path through the proxy.
 * Only that member changes; every other byte stays. Returns null when there was nothing to change.
 */
import { basePath } from './upstreams.js';

const RESULTS_URL = /("results_url"\s*:\s*")((?:[^"\\]|\\.)*)(")/g;

export function rewriteResultsUrls(body: Buffer, upstreamBase: URL, proxyBase: string): Buffer | null {
  const text = body.toString('utf8');
  if (!text.includes('"results_url"')) return null;
  const from = upstreamBase.origin + basePath(upstreamBase);
  let changed = false;
  const out = text.replace(RESULTS_URL, (whole, open: string, raw: string, close: string) => {
    // JSON may escape '/' as '\/'; compare unescaped.
    const url = raw.replace(/\\\//g, '/');
    if (!url.startsWith(from + '/')) return whole;
    changed = true;
    return open + proxyBase + url.slice(from.length) + close;
  });
  return changed ? Buffer.from(out, 'utf8') : null;
}
