/**
 * Reading a thrown value. JavaScript lets anything be thrown (a string, a plain object, null), and
 * errors that crossed a worker or a realm may not be `instanceof Error`, so a caught value is
 * `unknown` and is read through these instead of an unchecked `(err as Error)` cast.
 */

/** The message of a thrown value: an Error's (or error-like object's) message, else the value as text. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  const message = field(err, 'message');
  if (typeof message === 'string') return message;
  try {
    return String(err);
  } catch {
    // An object without a prototype (no toString) cannot become text.
    return Object.prototype.toString.call(err);
  }
}

/**
 * The string `code` a thrown value carries (Node's system errors: 'ENOENT', 'EADDRINUSE'; SQLite's:
 * 'SQLITE_CORRUPT'; Node's own: 'ERR_PARSE_ARGS_UNKNOWN_OPTION'), or undefined when it has none.
 */
export function errorCode(err: unknown): string | undefined {
  const code = field(err, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** The `cause` a thrown value carries (fetch's "fetch failed" puts the socket error there). */
export function errorCause(err: unknown): unknown {
  return field(err, 'cause');
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}
