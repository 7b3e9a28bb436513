import type { ApiEvent } from '../../shared/api/contract.js';

/** Fan-out of change notifications to IPC windows and SSE clients. A throwing listener is dropped, not fatal. */
export function createEventBus() {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    emit(event: ApiEvent): void {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          listeners.delete(listener);
        }
      }
    },
    on(listener: (event: ApiEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
