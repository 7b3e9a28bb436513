import { ApiError } from '../../../shared/api/contract.js';

/** Arguments cross a process (IPC) or a socket (HTTP): check their shape before use. */
export function requireObject(arg: unknown, what: string): Record<string, unknown> {
  if (arg === undefined || arg === null) return {};
  if (typeof arg !== 'object' || Array.isArray(arg)) throw new ApiError('bad_request', `${what} must be an object`);
  return arg as Record<string, unknown>;
}

export function optionalString(obj: Record<string, unknown>, key: string): string | undefined {
  const v = obj[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new ApiError('bad_request', `${key} must be a string`);
  return v;
}

export function requireString(obj: Record<string, unknown>, key: string): string {
  const v = optionalString(obj, key);
  if (v === undefined) throw new ApiError('bad_request', `${key} is required`);
  return v;
}

export function optionalInt(obj: Record<string, unknown>, key: string, min: number, max: number): number | undefined {
  const v = obj[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new ApiError('bad_request', `${key} must be a whole number from ${min} to ${max}`);
  }
  return v;
}

export function oneOf<T extends string>(obj: Record<string, unknown>, key: string, allowed: readonly T[]): T | undefined {
  const v = optionalString(obj, key);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new ApiError('bad_request', `${key} must be one of ${allowed.join(', ')}`);
  return v as T;
}
