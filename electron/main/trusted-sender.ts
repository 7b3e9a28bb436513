import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where our renderer may be loaded from: the built files, or a loopback dev server. */
export interface RendererOrigin {
  /** Absolute folder of the built renderer (out/renderer). */
  rendererDir: string;
  /** Origin of the Vite dev server when TOKENTALLY_DEV_URL is set, else null. */
  devUrl: URL | null;
}

/**
 * Is this frame URL our own renderer? IPC handlers answer only such frames, and navigation
 * is only allowed to them. Everything else (remote pages, other local files, devtools:, data:,
 * about:blank, javascript:) is refused.
 */
export function isTrustedRendererUrl(url: string | null | undefined, origin: RendererOrigin): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') return isFileUnder(parsed, origin.rendererDir);
  if (origin.devUrl && (parsed.protocol === 'http:' || parsed.protocol === 'https:')) {
    // Compare whole origins: scheme, host and port, so http://127.0.0.1:5173.evil.com cannot pass.
    return parsed.origin === origin.devUrl.origin && !parsed.username && !parsed.password;
  }
  return false;
}

function isFileUnder(fileUrl: URL, dir: string): boolean {
  // file://server/share/... names another machine (a UNC path on Windows): never ours.
  if (fileUrl.host !== '') return false;
  let filePath: string;
  try {
    // The URL parser has already resolved "..", "%2e%2e" and friends; an encoded "/" makes this throw.
    filePath = fileURLToPath(fileUrl);
  } catch {
    return false;
  }
  const relative = path.relative(path.resolve(dir), path.resolve(filePath));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * The dev server URL from TOKENTALLY_DEV_URL. Only loopback is accepted: the renderer gets the
 * full API, so it must never be served from another machine.
 */
export function parseDevServerUrl(value: string | undefined): URL | null {
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`TOKENTALLY_DEV_URL is not a URL: "${value}"`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !loopback.includes(url.hostname)) {
    throw new Error(`TOKENTALLY_DEV_URL must be an http URL on 127.0.0.1, localhost or [::1], not "${value}"`);
  }
  return url;
}
