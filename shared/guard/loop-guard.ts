/**
 * The runaway-loop guard's detector: pure, in memory, O(1) per call (no ledger read on the proxy's
 * path). Per key (a call's tag; untagged calls carry their client's name, else ''):
 *  - rate: the spend of the last 15 minutes (15 one-minute buckets), × 4 for an hourly rate, against
 *    the key's usual busy hour: the 90th percentile of its hours with any spend in the last week
 *    (168 hourly buckets; recomputed once an hour, not per call). Alarm when the rate passes both
 *    the floor and multiplier × that hour; with fewer than MIN_BASELINE_HOURS active hours, the
 *    floor alone. Not the median hour: a tag that comes in bursts (CI on pull requests) normally
 *    spends three median hours' worth in some quarter hours, which × 4 is 12× its median; in a
 *    month of such traffic the median gave false alarms, the 90th percentile none (test/unit/loop-guard.test.ts).
 *  - repeat: the same request (requestFingerprint) repeatCount times within repeatWindowSeconds.
 * A key alarms at most once per ALARM_COOLDOWN_MS, until reset (the user resumed it).
 * Pausing and refusing are the core's (electron/core/guard/); this only says when to alarm.
 */
import type { GuardSettings, GuardSignal } from '../api/contract-guard.js';
import { formatUsd } from '../format.js';
import { ALARM_COOLDOWN_MS, BASELINE_HOURS, BASELINE_PERCENTILE, MAX_REMEMBERED_REQUESTS, MIN_BASELINE_HOURS, RATE_SCALE, RATE_WINDOW_MS } from './guard-rules.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const MINUTE_SLOTS = RATE_WINDOW_MS / MINUTE;
/** Keys remembered at most (tags are the client's to choose): the least recently seen is forgotten first. */
const MAX_KEYS = 5_000;

export interface GuardAlarmRaised {
  key: string;
  at: number;
  signal: GuardSignal;
  /** What was seen, in words: "… spent $4.20 in the last 15 minutes ($16.80 an hour), 12× its usual $1.40 an hour". */
  message: string;
  /** The rate when the rate signal fired, nano-dollars per hour; null for a repeat. */
  rateNanoPerHour: number | null;
  baselineNanoPerHour: number | null;
  /** How many times the request was seen, for a repeat. */
  repeats: number | null;
}

export interface LoopGuard {
  /** A spending call about to be forwarded (its key, the instant, its fingerprint): counts repeats. */
  admit(key: string, at: number, fingerprint: number): GuardAlarmRaised | null;
  /** A call's cost once recorded: feeds the rate. */
  record(key: string, at: number, costNano: number): GuardAlarmRaised | null;
  /** Spend of a past hour (from the ledger, at start): the baseline is there from the first call. */
  seed(key: string, hourStart: number, costNano: number): void;
  /** Forget a key's recent spend, repeats and alarm (it was resumed): its baseline stays. */
  reset(key: string): void;
}

interface KeyState {
  minuteOf: Int32Array;
  minuteNano: Float64Array;
  hourOf: Int32Array;
  hourNano: Float64Array;
  /** The hour the baseline was computed for, and the baseline (null: too little history). */
  baselineHour: number;
  baseline: number | null;
  lastAlarmAt: number;
  /** Fingerprint → instants it was seen (the last repeatCount), oldest key first. */
  repeats: Map<number, number[]>;
}

function newState(): KeyState {
  return {
    minuteOf: new Int32Array(MINUTE_SLOTS).fill(-1),
    minuteNano: new Float64Array(MINUTE_SLOTS),
    hourOf: new Int32Array(BASELINE_HOURS).fill(-1),
    hourNano: new Float64Array(BASELINE_HOURS),
    baselineHour: -1,
    baseline: null,
    lastAlarmAt: -Infinity,
    repeats: new Map(),
  };
}

/** Nearest-rank percentile of whole numbers (p in 0..1). */
function percentile(values: number[], p: number): number {
  values.sort((a, b) => a - b);
  return values[Math.max(0, Math.ceil(p * values.length) - 1)]!;
}

export function keyName(key: string): string {
  return key === '' ? 'untagged calls' : `"${key}"`;
}

export function createLoopGuard(settings: () => GuardSettings): LoopGuard {
  const keys = new Map<string, KeyState>();

  const stateOf = (key: string): KeyState => {
    let s = keys.get(key);
    if (s) {
      // Least recently seen first: move it to the end.
      keys.delete(key);
    } else {
      s = newState();
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    }
    keys.set(key, s);
    return s;
  };

  const addHour = (s: KeyState, hour: number, nano: number) => {
    const slot = hour % BASELINE_HOURS;
    if (s.hourOf[slot] !== hour) {
      s.hourOf[slot] = hour;
      s.hourNano[slot] = 0;
    }
    s.hourNano[slot]! += nano;
  };

  /** The 90th percentile of the active hours before `hour` within the week; recomputed when the hour changes. */
  const baselineOf = (s: KeyState, hour: number): number | null => {
    if (s.baselineHour === hour) return s.baseline;
    const active: number[] = [];
    for (let i = 0; i < BASELINE_HOURS; i++) {
      const h = s.hourOf[i]!;
      if (h < hour && h >= hour - BASELINE_HOURS && s.hourNano[i]! > 0) active.push(Math.round(s.hourNano[i]!));
    }
    s.baselineHour = hour;
    s.baseline = active.length >= MIN_BASELINE_HOURS ? percentile(active, BASELINE_PERCENTILE) : null;
    return s.baseline;
  };

  const windowNano = (s: KeyState, minute: number): number => {
    let sum = 0;
    for (let i = 0; i < MINUTE_SLOTS; i++) if (s.minuteOf[i]! > minute - MINUTE_SLOTS && s.minuteOf[i]! <= minute) sum += s.minuteNano[i]!;
    return sum;
  };

  const coolingDown = (s: KeyState, at: number) => at - s.lastAlarmAt < ALARM_COOLDOWN_MS;

  return {
    admit(key, at, fingerprint) {
      const cfg = settings();
      if (!cfg.enabled) return null;
      const s = stateOf(key);
      let seen = s.repeats.get(fingerprint);
      if (seen) s.repeats.delete(fingerprint);
      else {
        seen = [];
        if (s.repeats.size >= MAX_REMEMBERED_REQUESTS) s.repeats.delete(s.repeats.keys().next().value!);
      }
      s.repeats.set(fingerprint, seen);
      seen.push(at);
      const since = at - cfg.repeatWindowSeconds * 1000;
      while (seen.length > 0 && (seen[0]! < since || seen.length > cfg.repeatCount)) seen.shift();
      if (seen.length < cfg.repeatCount || coolingDown(s, at)) return null;
      s.lastAlarmAt = at;
      const minutes = Math.max(1, Math.round((at - seen[0]!) / MINUTE));
      return {
        key,
        at,
        signal: 'repeat',
        message: `${keyName(key)} sent the same request ${seen.length} times in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        rateNanoPerHour: null,
        baselineNanoPerHour: null,
        repeats: seen.length,
      };
    },

    record(key, at, costNano) {
      const cfg = settings();
      if (!cfg.enabled || !(costNano > 0)) return null;
      const s = stateOf(key);
      const minute = Math.floor(at / MINUTE);
      const slot = minute % MINUTE_SLOTS;
      if (s.minuteOf[slot] !== minute) {
        s.minuteOf[slot] = minute;
        s.minuteNano[slot] = 0;
      }
      s.minuteNano[slot]! += costNano;
      const hour = Math.floor(at / HOUR);
      addHour(s, hour, costNano);

      const rate = windowNano(s, minute) * RATE_SCALE;
      const floor = cfg.floorUsdPerHour * 1e9;
      const baseline = baselineOf(s, hour);
      const limit = baseline === null ? floor : Math.max(floor, cfg.multiplier * baseline);
      if (rate <= limit || coolingDown(s, at)) return null;
      s.lastAlarmAt = at;
      const spent = `spent ${formatUsd(rate / RATE_SCALE)} in the last ${RATE_WINDOW_MS / MINUTE} minutes (${formatUsd(rate)} an hour)`;
      const against =
        baseline === null
          ? `above your floor of ${formatUsd(floor)} an hour (no usual rate known yet)`
          : `${Math.round(rate / Math.max(1, baseline))}× its usual busy hour (${formatUsd(baseline)})`;
      return { key, at, signal: 'rate', message: `${keyName(key)} ${spent}, ${against}`, rateNanoPerHour: Math.round(rate), baselineNanoPerHour: baseline, repeats: null };
    },

    seed(key, hourStart, costNano) {
      if (costNano > 0) addHour(stateOf(key), Math.floor(hourStart / HOUR), costNano);
    },

    reset(key) {
      const s = keys.get(key);
      if (!s) return;
      s.minuteOf.fill(-1);
      s.minuteNano.fill(0);
      s.repeats.clear();
      s.lastAlarmAt = -Infinity;
    },
  };
}
