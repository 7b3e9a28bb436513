/**
 * Requests made by web pages. A page on any site can make the browser send requests to the
 * proxy on 127.0.0.1: <img> and <script> GETs (no Origin header), form POSTs, fetch. Without
 * a check the proxy would forward them with the stored keys added. Browsers say who made a
 * request: Sec-Fetch-Site on every request (Chromium 76+, Firefox 90+, Safari 16.4+), Origin on
 * CORS and POST requests, and a Referer naming the page unless the page suppressed it.
 * Node's fetch also sends Sec-Fetch-Mode (always "cors"), so that header alone says nothing.
 * https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Sec-Fetch-Site (checked 2026-12-07)
 */
import { isLoopbackHost } from '../server/loopback-host.js';

export interface BrowserVerdict {
  /** Why the request is refused, in words for the refusal; null when it may pass. */
  refusal: string | null;
  /** The request looks like a browser's: it never gets a stored key. */
  browser: boolean;
}

const NOT_BROWSER: BrowserVerdict = Object.freeze({ refusal: null, browser: false });
const ENABLE_CORS = 'to let a web app call the proxy with its own key, enable CORS for the proxy in Settings';

/**
 * What to do with a request, from its Sec-Fetch-Site, Sec-Fetch-Mode, Origin and Referer headers
 * (undefined when absent) and whether the user enabled CORS for the proxy.
 *  - Sent from a page of another site (Sec-Fetch-Site cross-site or same-site, which includes
 *    another port of 127.0.0.1): refused, unless CORS is on and it is a CORS request (fetch).
 *  - Carrying an Origin: refused unless CORS is on.
 *  - From a browser that sends no Sec-Fetch-Site, with a Referer naming a site that is not
 *    loopback: refused unless CORS is on and it is a CORS request.
 *  - Anything else that looks like a browser's (the user typed the URL; a page of the proxy's
 *    own origin) passes, without a stored key.
 */
export function judgeBrowserRequest(
  site: string | undefined,
  mode: string | undefined,
  origin: string | undefined,
  referer: string | undefined,
  cors: boolean,
): BrowserVerdict {
  if (site === undefined && origin === undefined && referer === undefined) return NOT_BROWSER;
  const corsRequest = cors && origin !== undefined && (mode === undefined || mode.toLowerCase() === 'cors');
  if (site !== undefined) {
    const value = site.trim().toLowerCase();
    if (value !== 'same-origin' && value !== 'none' && !corsRequest) {
      return { refusal: `requests made by web pages on other sites are refused (Sec-Fetch-Site: ${value || 'empty'}); ${ENABLE_CORS}`, browser: true };
    }
  }
  if (origin !== undefined && !cors) {
    return { refusal: `requests from web pages are refused (Origin: ${origin.slice(0, 100)}); ${ENABLE_CORS}`, browser: true };
  }
  if (site === undefined && referer !== undefined && !corsRequest && !loopbackReferer(referer)) {
    return { refusal: `requests made by web pages on other sites are refused (Referer: ${refererSite(referer)}); ${ENABLE_CORS}`, browser: true };
  }
  return { refusal: null, browser: true };
}

/** A Referer naming a page served from a loopback address (the proxy's own dashboard, a local tool). */
function loopbackReferer(referer: string): boolean {
  const url = parseUrl(referer);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && isLoopbackHost(url.host);
}

/** The referring site only (never its path or query, which may hold secrets of the page). */
function refererSite(referer: string): string {
  const url = parseUrl(referer);
  return url === null ? 'unreadable' : `${url.protocol}//${url.host}`;
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
