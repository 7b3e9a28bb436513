/**
 * The loop guard on the proxy's thread: the pure detector (shared/guard/loop-guard.ts) fed by every
 * spending call — its fingerprint before it is forwarded, its cost once recorded — and the paused
 * tags, all in memory: a call costs a hash of its body and a few map lookups, never a ledger read.
 * The paused tags come from the ledger through snapshots (guard-ledger.ts sends one at start, after
 * every pause, resume or alarm, and when another process — the CLI — changed the ledger). An alarm
 * pauses its tag here at once (when auto-pause is on for it) and is handed on to be stored and
 * announced; the pause holds until a snapshot that includes the alarm says otherwise.
 */
import type { GuardSettings, GuardSignal } from '../../../shared/api/contract-guard.js';
import { createLoopGuard, keyName, type GuardAlarmRaised } from '../../../shared/guard/loop-guard.js';
import { requestFingerprint } from '../../../shared/guard/request-fingerprint.js';
import type { NewUsageRecord } from '../../../shared/usage.js';

/** A spending call about to be forwarded, as the proxy has it. */
interface GuardRequest {
  /** The call's tag (or its client's name); null: untagged calls of an unknown client. */
  tag: string | null;
  /** The model the body names (found by a byte search), the path below the route, the body. */
  model: string | null;
  path: string;
  body: Uint8Array;
}

type GuardVerdict = { allowed: true } | { allowed: false; message: string };

/** What the proxy asks (ProxyDeps.guard). */
export interface ProxyGuard {
  admit(req: GuardRequest): GuardVerdict;
  /** A call the proxy recorded: its cost feeds the spend rate. */
  observe(rec: NewUsageRecord): void;
}

/** An alarm raised on the proxy's thread, for the ledger and the alerts (plain data: it may cross threads). */
export interface GuardAlarmNotice {
  /** Numbered on the proxy's thread, so a snapshot can say which alarms it already includes. */
  seq: number;
  key: string;
  at: number;
  signal: GuardSignal;
  message: string;
  paused: boolean;
}

/** The ledger's side of the guard, sent to the proxy's thread (plain data). */
export interface GuardSnapshot {
  /** Paused tags ('' for untagged calls) and why. */
  paused: [key: string, reason: string][];
  /** The newest alarm (GuardAlarmNotice.seq) stored before this snapshot was read. */
  alarmsStored: number;
  /** Past spend per tag and hour (the first snapshot only): the baselines are there from the first call. */
  seed?: { key: string; hour: number; nano: number }[];
}

export interface ProxyGuardOptions {
  settings(): GuardSettings;
  now(): number;
  /** Store and announce an alarm, off the call's path (must not block). */
  alarm(notice: GuardAlarmNotice): void;
}

export interface ProxyGuardHandle extends ProxyGuard {
  update(snapshot: GuardSnapshot): void;
}

const ALLOWED: GuardVerdict = Object.freeze({ allowed: true });

export const keyOf = (tag: string | null): string => tag ?? '';

export function createProxyGuard(o: ProxyGuardOptions): ProxyGuardHandle {
  const detector = createLoopGuard(o.settings);
  /** Paused as the last snapshot said, plus pauses raised here since that the ledger has not shown yet. */
  let stored = new Map<string, string>();
  const raisedHere = new Map<string, { seq: number; reason: string }>();
  let seq = 0;

  const reasonPaused = (key: string): string | undefined => raisedHere.get(key)?.reason ?? stored.get(key);

  const raise = (a: GuardAlarmRaised) => {
    const auto = o.settings().autoPauseTags;
    const paused = auto.includes('*') || (a.key !== '' && auto.includes(a.key));
    const notice: GuardAlarmNotice = { seq: ++seq, key: a.key, at: a.at, signal: a.signal, message: a.message, paused };
    if (paused) raisedHere.set(a.key, { seq: notice.seq, reason: a.message });
    o.alarm(notice);
  };

  return {
    admit(req) {
      if (!o.settings().enabled) return ALLOWED;
      const key = keyOf(req.tag);
      let reason = reasonPaused(key);
      if (reason === undefined) {
        const raised = detector.admit(key, o.now(), requestFingerprint(req.model, req.path, req.body));
        if (raised) raise(raised);
        reason = reasonPaused(key);
      }
      return reason === undefined ? ALLOWED : { allowed: false, message: refusal(key, reason) };
    },
    observe(rec) {
      if (!guardCounts(rec) || !o.settings().enabled) return;
      const raised = detector.record(keyOf(rec.tag), rec.time, rec.costNano);
      if (raised) raise(raised);
    },
    update(snapshot) {
      for (const s of snapshot.seed ?? []) detector.seed(s.key, s.hour, s.nano);
      const before = new Set([...stored.keys(), ...raisedHere.keys()]);
      for (const [key, local] of raisedHere) if (local.seq <= snapshot.alarmsStored) raisedHere.delete(key);
      stored = new Map(snapshot.paused);
      // Resumed (the window, the tray, the CLI): the tag starts afresh, or the burst that paused it
      // would pause it again at its next call.
      for (const key of before) if (reasonPaused(key) === undefined) detector.reset(key);
    },
  };
}

/**
 * The calls whose cost feeds the spend rate: those the provider answered or cut (not the proxy's
 * own refusals), billed per call or on a plan (a loop on a plan burns its window: its API price
 * counts), not Batch results, which arrive by the thousand when their file is read.
 */
function guardCounts(rec: Pick<NewUsageRecord, 'status' | 'billing'>): boolean {
  return rec.status !== 'blocked' && rec.billing !== 'batch';
}

/** The command that resumes a tag, quoted for a shell when it needs to be. */
export function resumeCommand(key: string): string {
  return key === '' ? 'tokentally guard resume --untagged' : `tokentally guard resume ${/^[\w.:@/+-]+$/.test(key) ? key : `'${key.replace(/'/g, `'\\''`)}'`}`;
}

/** The refusal the client gets, in its provider's error shape: why, and how to resume. */
function refusal(key: string, reason: string): string {
  return (
    `the loop guard paused ${keyName(key)}: ${reason}. Its calls are refused until you resume it: ` +
    `\`${resumeCommand(key)}\`, "Resume" in the tray menu, or Resume on the Savings page of Tokentally's window.`
  );
}
