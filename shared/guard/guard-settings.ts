/**
 * The runaway-loop guard's settings (Settings.guard): validated like every setting.
 */
import { ApiError } from '../api/contract.js';
import type { GuardSettings } from '../api/contract-guard.js';

export const DEFAULT_GUARD_SETTINGS: Readonly<GuardSettings> = Object.freeze({
  enabled: true,
  multiplier: 10,
  floorUsdPerHour: 5,
  repeatCount: 8,
  repeatWindowSeconds: 600,
  autoPauseTags: [],
});

function bad(message: string): never {
  throw new ApiError('bad_request', message);
}

function numberIn(v: unknown, what: string, min: number, max: number, whole = false): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (whole && !Number.isInteger(v))) {
    bad(`guard.${what} must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Fields left out keep their defaults; unknown fields are refused. */
export function validateGuardSettings(v: unknown): GuardSettings {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad('guard must be an object');
  const o = v as Record<string, unknown>;
  const known = Object.keys(DEFAULT_GUARD_SETTINGS);
  for (const key of Object.keys(o)) if (!known.includes(key)) bad(`guard: unknown field "${key}" (expected ${known.join(', ')})`);
  const out: GuardSettings = { ...DEFAULT_GUARD_SETTINGS, autoPauseTags: [] };
  if (o.enabled !== undefined) {
    if (typeof o.enabled !== 'boolean') bad('guard.enabled must be true or false');
    out.enabled = o.enabled;
  }
  if (o.multiplier !== undefined) out.multiplier = numberIn(o.multiplier, 'multiplier', 2, 1000);
  if (o.floorUsdPerHour !== undefined) out.floorUsdPerHour = numberIn(o.floorUsdPerHour, 'floorUsdPerHour', 0.01, 100_000);
  if (o.repeatCount !== undefined) out.repeatCount = numberIn(o.repeatCount, 'repeatCount', 2, 1000, true);
  if (o.repeatWindowSeconds !== undefined) out.repeatWindowSeconds = numberIn(o.repeatWindowSeconds, 'repeatWindowSeconds', 1, 86_400, true);
  if (o.autoPauseTags !== undefined) {
    if (!Array.isArray(o.autoPauseTags) || o.autoPauseTags.length > 200) bad('guard.autoPauseTags must be a list of at most 200 tags');
    out.autoPauseTags = [
      ...new Set(
        o.autoPauseTags.map((t, i) => {
          if (typeof t !== 'string' || t.trim() === '' || t.length > 64) bad(`guard.autoPauseTags[${i}] must be a tag of 1 to 64 characters ("*" for every tag)`);
          return t.trim();
        }),
      ),
    ];
  }
  return out;
}
