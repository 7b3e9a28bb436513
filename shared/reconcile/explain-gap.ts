/**
 * Which kind of cost a reconciliation gap is in (issue 14.6). A provider's cost report breaks its
 * bill down (Anthropic: by model, cost type and context window); the proxy's rows are split the same
 * way; per UTC day, model and kind this puts one beside the other, and says in words where the
 * difference is: tokens, long context, web search, code execution (billed by container time, never
 * per call), other charges, or a model the proxy never saw that day. Pure: money in nano-dollars.
 */
import { formatUsd } from '../format.js';
import type { Nano } from '../money.js';

export type CostKind = 'tokens' | 'long_context' | 'web_search' | 'code_execution' | 'other';

const KIND_LABEL: Record<CostKind, string> = {
  tokens: 'tokens',
  long_context: 'long-context tokens',
  web_search: 'web search',
  code_execution: 'code execution',
  other: 'other charges',
};

/** One amount on one side: a UTC day, a model ('' = the report does not name one), a kind. */
export interface CostPart {
  day: string;
  model: string;
  kind: CostKind;
  nano: Nano;
}

interface GapLine {
  day: string;
  /** '' when the report does not attribute this kind to a model (web search, code execution). */
  model: string;
  kind: CostKind;
  reportedNano: Nano;
  loggedNano: Nano;
  /** reported − logged. */
  gapNano: Nano;
  /** The proxy logged no call of this model that day (only for a named model). */
  modelUnseen: boolean;
}

export interface DayGap {
  day: string;
  reportedNano: Nano;
  loggedNano: Nano;
  gapNano: Nano;
  /** Non-zero lines, largest gap first. */
  lines: GapLine[];
  /** Where the gap is, in words, largest first. */
  causes: string[];
}

/** What counts as a gap: under a cent either way is rounding between two price lists. */
const GAP_TOLERANCE_NANO = 10_000_000;

/**
 * The report's parts beside the proxy's, per day. A kind the report books without a model on a day
 * is compared with the proxy's parts of that kind summed over models (the report cannot say more).
 */
export function explainGaps(reported: readonly CostPart[], logged: readonly CostPart[]): DayGap[] {
  const unattributed = new Set(reported.filter((p) => p.model === '').map((p) => `${p.day}\u0000${p.kind}`));
  const modelsLogged = new Set(logged.filter((p) => p.nano > 0).map((p) => `${p.day}\u0000${p.model}`));
  const lines = new Map<string, GapLine>();
  const line = (p: CostPart): GapLine => {
    const model = unattributed.has(`${p.day}\u0000${p.kind}`) ? '' : p.model;
    const id = `${p.day}\u0000${model}\u0000${p.kind}`;
    let l = lines.get(id);
    if (!l) {
      l = { day: p.day, model, kind: p.kind, reportedNano: 0, loggedNano: 0, gapNano: 0, modelUnseen: false };
      lines.set(id, l);
    }
    return l;
  };
  for (const p of reported) line(p).reportedNano += p.nano;
  for (const p of logged) line(p).loggedNano += p.nano;

  const days = new Map<string, DayGap>();
  for (const l of lines.values()) {
    l.gapNano = l.reportedNano - l.loggedNano;
    l.modelUnseen = l.model !== '' && l.reportedNano > 0 && !modelsLogged.has(`${l.day}\u0000${l.model}`);
    let d = days.get(l.day);
    if (!d) {
      d = { day: l.day, reportedNano: 0, loggedNano: 0, gapNano: 0, lines: [], causes: [] };
      days.set(l.day, d);
    }
    d.reportedNano += l.reportedNano;
    d.loggedNano += l.loggedNano;
    d.gapNano += l.gapNano;
    if (l.reportedNano !== 0 || l.loggedNano !== 0) d.lines.push(l);
  }
  for (const d of days.values()) {
    d.lines.sort((a, b) => Math.abs(b.gapNano) - Math.abs(a.gapNano) || a.model.localeCompare(b.model) || a.kind.localeCompare(b.kind));
    d.causes = d.lines.filter((l) => Math.abs(l.gapNano) >= GAP_TOLERANCE_NANO).map(cause);
  }
  return [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
}

function cause(l: GapLine): string {
  const amount = formatUsd(Math.abs(l.gapNano), { decimals: 2 });
  const what = l.model === '' ? KIND_LABEL[l.kind] : `${l.model} ${KIND_LABEL[l.kind]}`;
  if (l.modelUnseen) return `${amount} for ${l.model}, a model the proxy never saw that day (${KIND_LABEL[l.kind]})`;
  if (l.kind === 'code_execution') return `${amount} of code execution: billed by container time with a daily free allowance, never per call`;
  if (l.gapNano > 0) return `${amount} more ${what} billed than the proxy logged`;
  return `${amount} less ${what} billed than the proxy logged`;
}

/** A cost report line's kind: Anthropic's cost_type and context_window. */
export function costKindOf(costType: string | null | undefined, contextWindow: string | null | undefined): CostKind {
  switch (costType) {
    case 'tokens':
      return contextWindow === '200k-1M' ? 'long_context' : 'tokens';
    case 'web_search':
      return 'web_search';
    case 'code_execution':
      return 'code_execution';
    default:
      return 'other';
  }
}
