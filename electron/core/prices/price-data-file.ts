/**
 * Price data that stays current (issue 14.4). The list bundled with @pydantic/genai-prices is the
 * offline default; the user may download the library's published list (an explicit action, or a
 * daily check they switch on): it is validated, put in force, and kept in the data folder so the
 * next start uses it too. A download that fails in any way leaves the list in force as it was.
 * Nothing here runs unless asked: no request leaves the machine by default.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REMOTE_DATA_JSON_URL } from '@pydantic/genai-prices';
import { installPriceData, priceDataInfo, type PriceDataInfo } from '../../../shared/pricing/index.js';
import { DATA_PROVIDERS } from '../../../shared/pricing/price-data.js';
import { validatePriceData } from '../../../shared/pricing/validate-price-data.js';
import { errorMessage } from '../../../shared/error-message.js';

/**
 * Where the library publishes its list (the same URL its own auto-update reads): a JSON array of
 * providers, ~400 KB. Source: the package's REMOTE_DATA_JSON_URL and pydantic/genai-prices
 * prices/new_data/v2/data.json, checked 2026-12-07. TOKENTALLY_PRICE_DATA_URL overrides it (a
 * mirror, or a test's local server).
 */
export const PRICE_DATA_URL = REMOTE_DATA_JSON_URL;
const PRICE_DATA_FILE = 'price-data.json';
const META_FILE = 'price-data.meta.json';
const MB = 1024 * 1024;
/** The published list is ~400 KB; a body past this is not a price list (and must not fill the memory). */
const MAX_BYTES = 32 * MB;
const TIMEOUT_MS = 30_000;
/** The daily check's period. */
const DAILY_MS = 24 * 60 * 60 * 1000;

interface PriceDataMeta {
  url: string;
  /** When it was downloaded (ISO 8601). */
  fetchedAt: string;
  /** The server's Last-Modified, when it sent one (ISO 8601). */
  lastModified: string | null;
  sha256: string;
}

export interface RefreshResult {
  /** updated: a new list is in force; unchanged: the same list as stored. */
  outcome: 'updated' | 'unchanged';
  info: PriceDataInfo;
  /** "provider/model" ids the new list has and the previous one did not. */
  newModels: string[];
  url: string;
}

export function priceDataUrl(env: Record<string, string | undefined>): string {
  return env.TOKENTALLY_PRICE_DATA_URL?.trim() || PRICE_DATA_URL;
}

function readMeta(dataDir: string): PriceDataMeta | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, META_FILE), 'utf8')) as PriceDataMeta;
  } catch {
    return null;
  }
}

function dateOf(meta: PriceDataMeta): string {
  return meta.lastModified ?? meta.fetchedAt;
}

/**
 * At start: the list downloaded earlier, if there is one and it is still good; else the bundled one
 * stays. Returns what is in force, and why the stored list was not used (null when it was, or none).
 */
export function loadStoredPriceData(dataDir: string): { info: PriceDataInfo; problem: string | null } {
  const file = path.join(dataDir, PRICE_DATA_FILE);
  if (!fs.existsSync(file)) return { info: priceDataInfo(), problem: null };
  const meta = readMeta(dataDir);
  try {
    if (!meta) throw new Error(`${META_FILE} is missing or unreadable`);
    installPriceData(JSON.parse(fs.readFileSync(file, 'utf8')), dateOf(meta));
    return { info: priceDataInfo(), problem: null };
  } catch (err) {
    return { info: priceDataInfo(), problem: `the downloaded price data in ${file} was not used (${errorMessage(err)}); the bundled prices are in force` };
  }
}

/** Whether the stored price list changed since the last call (its file replaced by a refresh). */
export function priceDataStamp(dataDir: string): { changed(): boolean } {
  const file = path.join(dataDir, PRICE_DATA_FILE);
  const stamp = () => {
    try {
      const st = fs.statSync(file);
      return `${st.mtimeMs}:${st.size}`;
    } catch {
      return 'none';
    }
  };
  let last = stamp();
  return {
    changed() {
      const now = stamp();
      const changed = now !== last;
      last = now;
      return changed;
    },
  };
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Download the published list, check it, put it in force and keep it. Throws with a plain message
 * (network, HTTP status, size, JSON, shape) and changes nothing when anything is wrong.
 */
export async function refreshPriceData(opts: { dataDir: string; url: string; now: number; fetchImpl?: typeof fetch }): Promise<RefreshResult> {
  const doFetch = opts.fetchImpl ?? fetch;
  // Aborted once the body is too large: the connection closes, the rest is never read.
  const tooLarge = new AbortController();
  let response: Response;
  try {
    response = await doFetch(opts.url, { signal: AbortSignal.any([tooLarge.signal, AbortSignal.timeout(TIMEOUT_MS)]), headers: { accept: 'application/json' } });
  } catch (err) {
    throw new Error(`could not download the price data from ${opts.url}: ${errorMessage(err)}`, { cause: err });
  }
  const refuse = (): never => {
    tooLarge.abort();
    throw new Error(`the price list at ${opts.url} is larger than ${MAX_BYTES / MB} MB: not downloaded`);
  };
  if (response.status !== 200) {
    tooLarge.abort();
    throw new Error(`could not download the price data from ${opts.url}: HTTP ${response.status}`);
  }
  if (Number(response.headers.get('content-length') ?? 0) > MAX_BYTES) refuse();
  let bytes: Buffer | null;
  try {
    bytes = await readAtMost(response, MAX_BYTES);
  } catch (err) {
    throw new Error(`the price data download from ${opts.url} broke off: ${errorMessage(err)}`, { cause: err });
  }
  if (bytes === null) return refuse();
  const text = bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`the price data from ${opts.url} is not JSON (a broken or partial download?)`);
  }
  const checked = validatePriceData(data);
  const sha256 = createHash('sha256').update(text).digest('hex');
  const before = new Set(modelIdsInForce());
  const previous = readMeta(opts.dataDir);
  const lastModified = parseHttpDate(response.headers.get('last-modified'));
  const meta: PriceDataMeta = { url: opts.url, fetchedAt: new Date(opts.now).toISOString(), lastModified, sha256 };
  installPriceData(checked.providers, dateOf(meta));
  fs.mkdirSync(opts.dataDir, { recursive: true });
  writeAtomically(path.join(opts.dataDir, PRICE_DATA_FILE), text);
  writeAtomically(path.join(opts.dataDir, META_FILE), JSON.stringify(meta, null, 2) + '\n');
  return {
    outcome: previous?.sha256 === sha256 ? 'unchanged' : 'updated',
    info: priceDataInfo(),
    newModels: checked.summary.modelIds.filter((id) => !before.has(id)),
    url: opts.url,
  };
}

/**
 * The body, read chunk by chunk, or null as soon as it passes `limit` bytes (the stream is then
 * cancelled: at most one chunk past the limit is ever held). A server may send no Content-Length,
 * or a wrong one: reading the whole body first (response.arrayBuffer()) held gigabytes.
 */
async function readAtMost(response: Response, limit: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/** Whether the opt-in daily check is due (never fetched, or fetched over a day ago). */
export function dailyCheckDue(dataDir: string, now: number): boolean {
  const meta = readMeta(dataDir);
  if (!meta) return true;
  const fetched = Date.parse(meta.fetchedAt);
  return !Number.isFinite(fetched) || now - fetched >= DAILY_MS;
}

/** "provider/model" of every model in the list in force. */
function modelIdsInForce(): string[] {
  return DATA_PROVIDERS.flatMap((p) => p.models.map((m) => `${p.id}/${m.id}`));
}

function parseHttpDate(value: string | null): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
