/**
 * Header rules of a transparent proxy (RFC 9110 §7.6.1): hop-by-hop headers stay on their hop,
 * everything else passes as the client or the provider wrote it (casing and repeats kept).
 */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

export const TAG_HEADER = 'x-tokentally-tag';

/** Encodings the usage tap can read from a copy of the body (node:zlib, Node 20). */
const DECODABLE = new Set(['gzip', 'x-gzip', 'deflate', 'br', 'identity']);

export interface UpstreamHeaderOptions {
  /** Host (and port) of the upstream. */
  host: string;
  /** Byte length of the body that will be sent. */
  contentLength: number | null;
  /** Header to set with the stored key, when the request brought none. */
  injectKey: { name: string; value: string } | null;
  /** Drop these (lower-case) headers: a placeholder key the client sent instead of a real one. */
  drop?: readonly string[];
  /** 'identity' when the proxy must read or rewrite the response body as plain bytes. */
  acceptEncoding: 'pass' | 'identity';
}

/**
 * Request headers for the upstream, from the client's raw header list, as a flat [name, value, …]
 * list (what http.request writes as it is): one pass, no object keyed by the client's header names
 * and no second pass to flatten it, on the path every call takes before it is forwarded.
 */
export function upstreamRequestHeaders(raw: readonly string[], options: UpstreamHeaderOptions): string[] {
  const connectionListed = listedInConnection(raw);
  const injected = options.injectKey?.name;
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (
      HOP_BY_HOP.has(lower) ||
      lower === 'host' ||
      lower === 'content-length' ||
      lower === TAG_HEADER ||
      lower === 'accept-encoding' ||
      // The body is already read whole: the upstream gets it at once, no 100-continue dance.
      lower === 'expect' ||
      lower === injected ||
      connectionListed?.has(lower) ||
      options.drop?.includes(lower)
    ) {
      continue;
    }
    out.push(name, raw[i + 1]!);
  }
  out.push('host', options.host);
  if (options.contentLength !== null) out.push('content-length', String(options.contentLength));
  const accept = options.acceptEncoding === 'identity' ? 'identity' : decodableAcceptEncoding(raw);
  if (accept !== null) out.push('accept-encoding', accept);
  if (options.injectKey) out.push(options.injectKey.name, options.injectKey.value);
  return out;
}

/**
 * The client's Accept-Encoding, minus codings the tap could not read (zstd on Node 20): the
 * provider then answers in one both sides understand. Null when the client sent none.
 */
export function decodableAcceptEncoding(raw: readonly string[]): string | null {
  const values: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'accept-encoding') values.push(raw[i + 1]!);
  if (values.length === 0) return null;
  const joined = values.join(', ');
  const parts = joined.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const kept = parts.filter((p) => {
    const coding = p.split(';')[0]!.trim().toLowerCase();
    return DECODABLE.has(coding);
  });
  if (kept.length === parts.length) return joined;
  return kept.length > 0 ? kept.join(', ') : 'identity';
}

export interface ClientHeaderOptions {
  /** The body is rewritten (usage chunk stripped, URLs rewritten): its length changes. */
  bodyRewritten: boolean;
  /** settings.proxyCors: send our permissive CORS headers. The provider's never pass: the proxy decides. */
  cors: boolean;
}

/** Response headers for the client, as a flat [name, value, ...] list (writeHead keeps repeats). */
export function clientResponseHeaders(raw: readonly string[], options: ClientHeaderOptions): string[] {
  const connectionListed = listedInConnection(raw);
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    const lower = name.toLowerCase();
    if (HOP_BY_HOP.has(lower) || connectionListed?.has(lower)) continue;
    if (options.bodyRewritten && lower === 'content-length') continue;
    if (lower.startsWith('access-control-')) continue;
    out.push(name, raw[i + 1]!);
  }
  if (options.cors) out.push(...CORS_HEADERS);
  return out;
}

export const CORS_HEADERS: readonly string[] = [
  'access-control-allow-origin',
  '*',
  'access-control-expose-headers',
  '*',
];

/** Headers named in Connection are hop-by-hop too; null in the usual case of none. */
function listedInConnection(raw: readonly string[]): Set<string> | null {
  let set: Set<string> | null = null;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    // Length first: this runs over every header of every call, and few are 10 characters long.
    if (raw[i]!.length !== 10 || raw[i]!.toLowerCase() !== 'connection') continue;
    for (const token of raw[i + 1]!.split(',')) {
      const t = token.trim().toLowerCase();
      if (t !== '' && t !== 'close' && t !== 'keep-alive') (set ??= new Set()).add(t);
    }
  }
  return set;
}

