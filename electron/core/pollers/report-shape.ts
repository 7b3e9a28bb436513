/**
 * Reading a provider's JSON strictly: a body whose shape drifted must fail loudly (and store
 * nothing) rather than read as zero spend. Each reader names the path it was looking at.
 */
import { parseAmount, type AmountUnit } from './decimal-amount.js';
import { errorMessage } from '../../../shared/error-message.js';

export class ShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShapeError';
  }
}

export type Json = Record<string, unknown>;

export function object(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ShapeError(`${path} is not an object`);
  return v as Json;
}

export function array(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${path} is not a list`);
  return v;
}

/** A token or request count: a whole number ≥ 0; absent or null counts as 0. */
export function count(o: Json, key: string, path: string): number {
  const v = o[key];
  if (v === undefined || v === null) return 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ShapeError(`${path}.${key} is not a whole number`);
  return v;
}

export function optionalText(o: Json, key: string, path: string): string | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ShapeError(`${path}.${key} is not text`);
  return v;
}

export function bool(o: Json, key: string, path: string): boolean {
  const v = o[key];
  if (typeof v !== 'boolean') throw new ShapeError(`${path}.${key} is not true or false`);
  return v;
}

/** An RFC 3339 timestamp, to epoch ms. */
export function timestamp(o: Json, key: string, path: string): number {
  const v = o[key];
  const ms = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : NaN;
  if (!Number.isFinite(ms)) throw new ShapeError(`${path}.${key} is not an RFC 3339 time`);
  return ms;
}

/** Unix seconds, to epoch ms. */
export function unixSeconds(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw new ShapeError(`${path}.${key} is not a unix time`);
  return v * 1000;
}

/** A bucket's [start, end): end after start. */
export function checkBucket(start: number, end: number, path: string): void {
  if (!(end > start)) throw new ShapeError(`${path} ends before it starts`);
}

/** A decimal amount (see decimal-amount.ts) in atto-units, its error naming the path. */
export function amountAt(value: unknown, unit: AmountUnit, path: string): bigint {
  try {
    return parseAmount(value, unit);
  } catch (err) {
    throw new ShapeError(`${path}: ${errorMessage(err)}`);
  }
}

/** The same, or null when absent / null (e.g. an unlimited key's limit). */
export function optionalAmountAt(value: unknown, unit: AmountUnit, path: string): bigint | null {
  return value === undefined || value === null ? null : amountAt(value, unit, path);
}
