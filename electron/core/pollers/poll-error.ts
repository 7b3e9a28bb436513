/**
 * A poll that failed, with its message already in plain words for the user. `retryAt` is set for
 * rate limits and server errors: the scheduler does not ask again before it.
 */
export type PollErrorKind =
  | 'no-key'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'network'
  | 'malformed'
  | 'http'
  | 'aborted';

export class PollError extends Error {
  constructor(
    readonly kind: PollErrorKind,
    message: string,
    readonly details: { status?: number; retryAt?: number; providerMessage?: string } = {},
  ) {
    super(message);
    this.name = 'PollError';
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAt(): number | undefined {
    return this.details.retryAt;
  }
}

/** A body that is not what the provider documents: nothing of it is stored. */
function malformed(provider: string, what: string, detail: string): PollError {
  return new PollError('malformed', `${provider} sent ${what} Tokentally cannot read (${detail}); nothing was stored`);
}

/**
 * Run a step that reads a provider's body; a shape or amount error becomes a `malformed` PollError.
 * The error classes are matched by name so this file needs no import of the readers.
 */
export async function readingReport<T>(provider: string, what: string, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof Error && (err.name === 'ShapeError' || err.name === 'AmountError')) throw malformed(provider, what, err.message);
    throw err;
  }
}
