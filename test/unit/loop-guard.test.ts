/**
 * The runaway-loop guard's detector on the seeded traffic corpus (test/support/guard-traffic.ts,
 * the same calls from the same seed on every run):
 * a week it learns from (as the core does at start, from the ledger's hourly spend), then a month of
 * normal traffic — four tags with their own rhythm, a busy launch day — that must raise no alarm;
 * then loops added at quiet and busy moments of every tag, each alarmed within 20 of its calls.
 */
import { describe, expect, it } from 'vitest';
import type { GuardSettings } from '../../shared/api/contract-guard.js';
import { DEFAULT_GUARD_SETTINGS } from '../../shared/guard/guard-settings.js';
import { createLoopGuard, type GuardAlarmRaised, type LoopGuard } from '../../shared/guard/loop-guard.js';
import { requestFingerprint } from '../../shared/guard/request-fingerprint.js';
import { LAUNCH_DAY, loop, MONTH_START, normalTraffic, TRAFFIC_TAGS, type TrafficCall } from '../support/guard-traffic.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const corpus = normalTraffic();
const learning = corpus.filter((c) => c.at < MONTH_START);
const month = corpus.filter((c) => c.at >= MONTH_START);

/** A guard that has learnt the week before the month, as the core seeds it from the ledger. */
function trainedGuard(settings: GuardSettings = DEFAULT_GUARD_SETTINGS): LoopGuard {
  const guard = createLoopGuard(() => settings);
  const hourly = new Map<string, number>();
  for (const c of learning) {
    const key = `${c.tag}\u0000${Math.floor(c.at / HOUR) * HOUR}`;
    hourly.set(key, (hourly.get(key) ?? 0) + c.costNano);
  }
  for (const [key, nano] of hourly) {
    const [tag, hour] = key.split('\u0000');
    guard.seed(tag!, Number(hour), nano);
  }
  return guard;
}

/** Each call as the proxy feeds it: asked about before it is forwarded, then its cost once recorded. */
function replay(guard: LoopGuard, calls: readonly TrafficCall[], onAlarm: (a: GuardAlarmRaised, call: TrafficCall) => boolean | void): void {
  for (const c of calls) {
    const alarm = guard.admit(c.tag, c.at, c.fingerprint) ?? guard.record(c.tag, c.at, c.costNano);
    if (alarm && onAlarm(alarm, c) === true) return;
  }
}

describe('the loop guard on a month of normal traffic', () => {
  it('the corpus: the same calls from the same seed; five weeks, four tags, a launch day', () => {
    expect(normalTraffic()).toEqual(corpus);
    expect(new Set(corpus.map((c) => c.tag))).toEqual(new Set(TRAFFIC_TAGS));
    expect(month.length).toBeGreaterThan(25_000);
    const launch = month.filter((c) => c.at >= LAUNCH_DAY && c.at < LAUNCH_DAY + DAY && c.tag === 'support-bot').length;
    const dayBefore = corpus.filter((c) => c.at >= LAUNCH_DAY - 7 * DAY && c.at < LAUNCH_DAY - 6 * DAY && c.tag === 'support-bot').length;
    expect(launch / dayBefore).toBeGreaterThan(2.5);
  });

  it('raises no alarm', () => {
    const alarms: string[] = [];
    replay(trainedGuard(), month, (a) => {
      alarms.push(`${new Date(a.at).toISOString()} ${a.message}`);
    });
    expect(alarms).toEqual([]);
  });

  const moments = [
    ['a quiet weekday afternoon', MONTH_START + 10 * DAY + 14 * HOUR],
    ['the launch day at its busiest', LAUNCH_DAY + 14.5 * HOUR],
    ['during the nightly batch', MONTH_START + 25 * DAY + 1.3 * HOUR],
  ] as const;

  for (const tag of TRAFFIC_TAGS) {
    for (const [when, at] of moments) {
      it(`alarms within 20 calls of a loop on ${tag}, ${when}`, () => {
        // The same request every 3 s (a retry or tool-error loop), and a growing-context agent loop:
        // a call every 6 s, each a different request costing $0.30 (about 100K tokens on Sonnet).
        for (const kind of ['same request', 'growing context'] as const) {
          const same = kind === 'same request';
          const looping = loop(tag, at, { count: 40, everyMs: same ? 3_000 : 6_000, costNano: same ? 20_000_000 : 300_000_000, sameRequest: same });
          const loopFps = new Set(looping.map((c) => c.fingerprint));
          const calls = [...month, ...looping].sort((a, b) => a.at - b.at);
          const guard = trainedGuard();
          let loopCalls = 0;
          let alarm: GuardAlarmRaised | undefined;
          for (const c of calls) {
            if (c.tag === tag && loopFps.has(c.fingerprint)) loopCalls++;
            const raised = guard.admit(c.tag, c.at, c.fingerprint) ?? guard.record(c.tag, c.at, c.costNano);
            if (!raised) continue;
            if (c.at < at) throw new Error(`false alarm before the loop: ${raised.message}`);
            alarm = raised;
            break;
          }
          expect(alarm, `${kind}: no alarm`).toBeDefined();
          expect(alarm!.key).toBe(tag);
          expect(alarm!.signal).toBe(same ? 'repeat' : 'rate');
          expect(loopCalls, `${kind}: alarm after ${loopCalls} loop calls`).toBeLessThanOrEqual(20);
        }
      });
    }
  }
});

describe('the loop guard, case by case', () => {
  const settings: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, autoPauseTags: [] };
  const T0 = Date.UTC(2026, 11, 7, 10);

  it('holds a tag without history to the floor alone ($5 an hour by default)', () => {
    const guard = createLoopGuard(() => settings);
    // $1.20 in 15 minutes is $4.80 an hour: below the floor.
    for (let i = 0; i < 12; i++) expect(guard.record('new', T0 + i * 60_000, 100_000_000)).toBeNull();
    const alarm = guard.record('new', T0 + 12 * 60_000, 100_000_000);
    expect(alarm?.signal).toBe('rate');
    expect(alarm?.message).toBe('"new" spent $1.30 in the last 15 minutes ($5.20 an hour), above your floor of $5.00 an hour (no usual rate known yet)');
  });

  it('compares with the usual busy hour, alarms once per hour, and starts afresh when reset', () => {
    const guard = createLoopGuard(() => settings);
    for (let h = 1; h <= 10; h++) guard.seed('job', T0 - h * HOUR, 1_000_000_000); // $1 an hour
    // $10 an hour is 10× its usual hour: not above it.
    expect(guard.record('job', T0, 2_500_000_000)).toBeNull();
    const alarm = guard.record('job', T0 + 1000, 100_000_000);
    expect(alarm?.message).toBe('"job" spent $2.60 in the last 15 minutes ($10.40 an hour), 10× its usual busy hour ($1.00)');
    expect(alarm?.baselineNanoPerHour).toBe(1_000_000_000);
    expect(guard.record('job', T0 + 2000, 5_000_000_000)).toBeNull();
    guard.reset('job');
    expect(guard.record('job', T0 + 3000, 100_000_000)).toBeNull();
    expect(guard.record('job', T0 + 4000, 2_600_000_000)?.signal).toBe('rate');
  });

  it('counts the same request within the window only', () => {
    const guard = createLoopGuard(() => ({ ...settings, repeatCount: 3, repeatWindowSeconds: 60 }));
    expect(guard.admit('t', T0, 42)).toBeNull();
    expect(guard.admit('t', T0 + 30_000, 42)).toBeNull();
    expect(guard.admit('t', T0 + 30_000, 43)).toBeNull();
    expect(guard.admit('t', T0 + 95_000, 42)).toBeNull(); // the first two are out of the window
    expect(guard.admit('t', T0 + 100_000, 42)).toBeNull();
    const alarm = guard.admit('t', T0 + 120_000, 42);
    expect(alarm).toMatchObject({ signal: 'repeat', repeats: 3, message: '"t" sent the same request 3 times in 1 minute' });
    expect(guard.admit('other', T0 + 121_000, 42)).toBeNull(); // per tag
  });

  it('does nothing when switched off', () => {
    const guard = createLoopGuard(() => ({ ...settings, enabled: false }));
    for (let i = 0; i < 20; i++) expect(guard.admit('t', T0 + i, 1) ?? guard.record('t', T0 + i, 10_000_000_000)).toBeNull();
  });

  it('fingerprints: the same model, path and bytes match; another model or path, a grown context, one changed byte of a body up to 64 KB do not', () => {
    const M = 'claude-sonnet-4-5';
    const body = Buffer.from(JSON.stringify({ model: M, messages: [{ role: 'user', content: 'x'.repeat(60_000) }] }));
    const fp = requestFingerprint(M, '/v1/messages', body);
    // Equal bytes at another offset of another buffer (the proxy's bodies come from pooled memory).
    const copy = Buffer.concat([Buffer.from('zzz'), body]).subarray(3);
    expect(requestFingerprint(M, '/v1/messages', copy)).toBe(fp);
    expect(requestFingerprint('claude-haiku-4-5', '/v1/messages', body)).not.toBe(fp);
    expect(requestFingerprint(null, '/v1/messages', body)).not.toBe(fp);
    expect(requestFingerprint(M, '/v1/chat/completions', body)).not.toBe(fp);
    expect(requestFingerprint(M, '/v1/messages', Buffer.concat([body, Buffer.from(' ')]))).not.toBe(fp);
    for (const at of [0, 1, 2, 3, 30_001, body.length - 5, body.length - 1]) {
      const changed = Buffer.from(body);
      changed[at] = changed[at]! ^ 1;
      expect(requestFingerprint(M, '/v1/messages', changed), `byte ${at}`).not.toBe(fp);
    }
    expect(Number.isSafeInteger(fp)).toBe(true);
  });

  it('fingerprints of large bodies: head and tail whole, the middle sampled, the length exact', () => {
    const big = Buffer.alloc(2_000_000, 'a');
    const fp = requestFingerprint('m', '/v1/messages', big);
    expect(requestFingerprint('m', '/v1/messages', Buffer.alloc(2_000_000, 'a'))).toBe(fp);
    expect(requestFingerprint('m', '/v1/messages', Buffer.alloc(2_000_001, 'a'))).not.toBe(fp);
    // The newest turn (the tail) and the system prompt (the head) are always read.
    for (const at of [10, 15_000, 2_000_000 - 15_000, 2_000_000 - 1]) {
      const changed = Buffer.from(big);
      changed[at] = 'b'.charCodeAt(0);
      expect(requestFingerprint('m', '/v1/messages', changed), `byte ${at}`).not.toBe(fp);
    }
  });
});

describe('guard settings', () => {
  it('fills defaults, keeps tags once, and refuses what is not a setting', async () => {
    const { validateGuardSettings } = await import('../../shared/guard/guard-settings.js');
    expect(validateGuardSettings({ autoPauseTags: [' agent ', 'agent', '*'] })).toEqual({ ...DEFAULT_GUARD_SETTINGS, autoPauseTags: ['agent', '*'] });
    expect(() => validateGuardSettings({ multiplier: 1 })).toThrow('guard.multiplier must be a number from 2 to 1000, got 1');
    expect(() => validateGuardSettings({ repeatCount: 2.5 })).toThrow(/whole number/);
    expect(() => validateGuardSettings({ floorUsd: 5 })).toThrow(/unknown field "floorUsd"/);
    expect(() => validateGuardSettings({ autoPauseTags: [''] })).toThrow(/autoPauseTags\[0\]/);
    expect(() => validateGuardSettings(null)).toThrow('guard must be an object');
  });
});
