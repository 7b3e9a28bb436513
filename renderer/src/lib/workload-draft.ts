/**
 * The scenario editor keeps what the user typed (text), and turns each row into a WorkloadRow
 * only when it reads cleanly: a half-typed row is flagged, never priced as zero.
 */
import type { WorkloadRow } from '../../../shared/api/contract-budgets.js';
import { withoutThousandsCommas } from '../../../shared/thousands.js';

export interface DraftRow {
  /** Stable React key; not sent anywhere. */
  id: number;
  name: string;
  provider: string;
  model: string;
  requests: string;
  input: string;
  output: string;
  /** Percent of input read from the cache, "0".."100". */
  cachedPct: string;
  /** Percent of requests sent through the batch API. */
  batchPct: string;
}

export type DraftField = Exclude<keyof DraftRow, 'id'>;
type DraftErrors = Partial<Record<DraftField, string>>;

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/** "5000", "5,000", "12 000", "5k", "1.2M" → a whole number; null when it is not one ("1,5": a comma only separates thousands). */
export function parseCount(text: string): number | null {
  const digits = withoutThousandsCommas(text.trim().replace(/[_\s](?=\d)/g, ''));
  const m = digits === null ? null : /^(\d+(?:\.\d+)?)\s*([kmb])?$/i.exec(digits);
  if (!m) return null;
  const value = Number(m[1]) * (m[2] ? SUFFIX[m[2].toLowerCase()]! : 1);
  const whole = Math.round(value);
  return Number.isSafeInteger(whole) && Math.abs(value - whole) < 1e-6 ? whole : null;
}

/** "25", "25%", "12.5" → 0.25, 0.125; "" → 0; null when outside 0..100. */
export function parsePercent(text: string): number | null {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return 0;
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const pct = Number(t);
  return pct >= 0 && pct <= 100 ? pct / 100 : null;
}

export type ParsedDraft = { ok: true; row: WorkloadRow } | { ok: false; errors: DraftErrors };

export function parseDraft(d: DraftRow, index: number): ParsedDraft {
  const errors: DraftErrors = {};
  const count = (field: 'requests' | 'input' | 'output', what: string): number => {
    const n = parseCount(d[field]);
    if (n === null) errors[field] = `${what}: a whole number, e.g. 5000 or 5k`;
    return n ?? 0;
  };
  const pct = (field: 'cachedPct' | 'batchPct'): number => {
    const n = parsePercent(d[field]);
    if (n === null) errors[field] = 'A percentage from 0 to 100';
    return n ?? 0;
  };
  const provider = d.provider.trim().toLowerCase();
  const model = d.model.trim();
  if (provider === '') errors.provider = 'Pick a provider';
  if (model === '') errors.model = 'Name a model';
  const row: WorkloadRow = {
    name: d.name.trim() || `Workload ${index + 1}`,
    provider,
    model,
    requestsPerMonth: count('requests', 'Requests a month'),
    inputTokens: count('input', 'Input tokens'),
    outputTokens: count('output', 'Output tokens'),
    cachedShare: pct('cachedPct'),
    batchShare: pct('batchPct'),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, row };
}

let nextId = 1;

export function draftFromRow(row: WorkloadRow): DraftRow {
  return {
    id: nextId++,
    name: row.name,
    provider: row.provider,
    model: row.model,
    requests: String(row.requestsPerMonth),
    input: String(row.inputTokens),
    output: String(row.outputTokens),
    cachedPct: trimPct(row.cachedShare),
    batchPct: trimPct(row.batchShare),
  };
}

function trimPct(share: number): string {
  return String(Math.round(share * 10_000) / 100);
}

export function blankDraft(): DraftRow {
  return { id: nextId++, name: '', provider: 'anthropic', model: '', requests: '', input: '', output: '', cachedPct: '0', batchPct: '0' };
}
