import type { KeyKind } from '../../../shared/api/contract.js';
import type { ServiceKeys } from '../service/context.js';
import type { KeyAccess } from './scheduler.js';

/** The pollers' view of the key store: presence from the list (no decryption), keys on demand. */
export function keyStoreAccess(store: Pick<ServiceKeys, 'get' | 'list'>): KeyAccess {
  return {
    get: (provider: string, kind: KeyKind) => store.get(provider, kind),
    has: (provider: string, kind: KeyKind) => store.list().some((k) => k.provider === provider && k.kind === kind),
  };
}
