import { create } from 'zustand';
import { AccessDeniedError, ConnectionError } from '../api/client';
import { errorMessage } from '../../../shared/error-message.js';

/**
 * Whether the core is reachable and lets us in. Every store reports its failures here, so the
 * app can swap to the "open the URL with the token" screen or show an offline banner once,
 * instead of each page inventing its own.
 */
interface ConnectionState {
  denied: boolean;
  offline: string | null;
  /** Returns a message to show next to the failed action, or null when the failure is global. */
  report(err: unknown): string | null;
  markOnline(): void;
}

export const useConnection = create<ConnectionState>((set) => ({
  denied: false,
  offline: null,
  report(err) {
    if (err instanceof AccessDeniedError) {
      set({ denied: true });
      return null;
    }
    if (err instanceof ConnectionError) {
      set({ offline: err.message });
      return null;
    }
    return errorMessage(err);
  },
  markOnline() {
    set((s) => (s.offline ? { offline: null } : s));
  },
}));

export function reportError(err: unknown): string | null {
  return useConnection.getState().report(err);
}

/** Run an API call, clearing the offline banner when it succeeds. */
export async function track<T>(call: Promise<T>): Promise<T> {
  const value = await call;
  useConnection.getState().markOnline();
  return value;
}
