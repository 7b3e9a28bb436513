/**
 * How the advisor slices the calls: by tag, provider and model (one finding each), and what a tag's
 * calls say about it (streamed? off-hours?). Plus the small pieces every finding shares: exact money
 * from tokens × rate, percentiles, evidence.
 */
import type { FindingEvidence, FindingKind, SavingsFinding } from '../api/contract-advisor.js';
import { costNano } from '../pricing/index.js';
import type { Nano } from '../money.js';
import { zoneOffsetMs } from '../time/zoned.js';
import type { AdvisorCall } from './advisor-input.js';
import { EVIDENCE_IDS, OFF_HOURS_SHARE, WORK_HOURS } from './advisor-rules.js';

export interface CallGroup {
  tag: string | null;
  provider: string;
  model: string;
  /** Oldest first. */
  calls: AdvisorCall[];
}

/** Calls by tag, provider and model, each group oldest first. */
export function groupCalls(calls: readonly AdvisorCall[]): CallGroup[] {
  const groups = new Map<string, CallGroup>();
  for (const c of calls) {
    const key = `${c.tag ?? ''}\u0000${c.provider}\u0000${c.model}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { tag: c.tag, provider: c.provider, model: c.model, calls: [] }));
    g.calls.push(c);
  }
  for (const g of groups.values()) g.calls.sort((a, b) => a.time - b.time || a.id - b.id);
  return [...groups.values()];
}

export interface TagTraits {
  calls: number;
  streamed: number;
  offHours: number;
  /** No call streamed and most came off-hours: nobody waits on these calls. */
  interactive: boolean;
}

/** What each tag's calls (all models) say about who waits for them. Untagged calls are no one job: never "not interactive". */
export function tagTraits(calls: readonly AdvisorCall[], tz: string): Map<string | null, TagTraits> {
  const clock = localClock(tz);
  const out = new Map<string | null, TagTraits>();
  for (const c of calls) {
    let t = out.get(c.tag);
    if (!t) out.set(c.tag, (t = { calls: 0, streamed: 0, offHours: 0, interactive: true }));
    t.calls++;
    if (c.stream) t.streamed++;
    if (clock.offHours(c.time)) t.offHours++;
  }
  for (const [tag, t] of out) t.interactive = tag === null || t.streamed > 0 || t.offHours < OFF_HOURS_SHARE * t.calls;
  return out;
}

/** Off-hours in a zone, with the zone's offset cached per hour (a month of calls asks a few hundred times, not once a call). */
function localClock(tz: string): { offHours(time: number): boolean } {
  const offsets = new Map<number, number>();
  return {
    offHours(time) {
      const hourKey = Math.floor(time / 3_600_000);
      let offset = offsets.get(hourKey);
      if (offset === undefined) offsets.set(hourKey, (offset = zoneOffsetMs(time, tz)));
      const local = new Date(time + offset);
      const day = local.getUTCDay();
      const hour = local.getUTCHours();
      return day === 0 || day === 6 || hour < WORK_HOURS.start || hour >= WORK_HOURS.end;
    },
  };
}

/** `tokens` at `usdPerMTok`, exactly, in nano-dollars. */
export function tokenCost(tokens: number, usdPerMTok: number): Nano {
  return costNano(tokens, usdPerMTok, 1_000_000, false);
}

/** Nearest-rank percentile (p in 0..1) of whole numbers; 0 when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

export function sumNano(calls: readonly AdvisorCall[]): Nano {
  let total = 0;
  for (const c of calls) total += c.costNano;
  return total;
}

/** The evidence of a finding: how many calls, the ids of the latest, their span, and the facts in words. */
export function evidenceOf(calls: readonly AdvisorCall[], facts: string[]): FindingEvidence {
  let first = Infinity;
  let last = -Infinity;
  for (const c of calls) {
    first = Math.min(first, c.time);
    last = Math.max(last, c.time);
  }
  const latest = [...calls].sort((a, b) => b.time - a.time || b.id - a.id).slice(0, EVIDENCE_IDS);
  return {
    calls: calls.length,
    callIds: latest.map((c) => c.id),
    firstAt: new Date(first).toISOString(),
    lastAt: new Date(last).toISOString(),
    facts,
  };
}

/** The stable id dismissals are kept by. */
function findingId(kind: FindingKind, g: Pick<CallGroup, 'provider' | 'model' | 'tag'>): string {
  return `${kind}:${g.provider}:${g.model}:${g.tag ?? ''}`;
}

export function tagName(tag: string | null): string {
  return tag === null ? 'untagged calls' : tag;
}

export type FindingDraft = Omit<SavingsFinding, 'id' | 'dismissed' | 'provider' | 'model' | 'tag'>;

export function finding(g: Pick<CallGroup, 'provider' | 'model' | 'tag'>, draft: FindingDraft): SavingsFinding {
  return { id: findingId(draft.kind, g), provider: g.provider, model: g.model, tag: g.tag, dismissed: false, ...draft };
}
