/**
 * The key store as the engine thread sees it: the list (masked hints, labels) read from the
 * ledger, the keys themselves from the snapshot the thread holding the cipher sends (the OS
 * keychain is only reachable from Electron's main thread), and storing or removing asked of
 * that thread.
 */
import { ApiError, type KeyInfo, type KeyKind, type KeyStoreStatus, type SetKeyArgs } from '../../../shared/api/contract.js';
import type { Db } from '../ledger/open-database.js';
import { KeyStore } from '../secrets/key-store.js';
import type { SecretCipher } from '../secrets/secret-cipher.js';
import type { ServiceKeys } from '../service/context.js';
import { errorMessage } from '../../../shared/error-message.js';

/** Each stored key in plain text, or why it cannot be read; held in memory only. */
export interface KeySnapshot {
  status: KeyStoreStatus;
  keys: { provider: string; kind: KeyKind; key: string | null; error: string | null }[];
}

export interface KeyHost {
  set(args: SetKeyArgs): Promise<KeyInfo>;
  remove(provider: string, kind: KeyKind): Promise<boolean>;
}

/** A cipher that cannot be used: the engine never encrypts or decrypts, it only lists. */
const NO_CIPHER: SecretCipher = {
  backend: 'keyfile',
  status: () => ({ backend: 'keyfile', available: false, warning: null }),
  encrypt: () => {
    throw new Error('keys are encrypted on the thread that holds the cipher');
  },
  decrypt: () => {
    throw new Error('keys are decrypted on the thread that holds the cipher');
  },
};

export function createEngineKeys(db: Db, host: KeyHost): ServiceKeys & { update(snapshot: KeySnapshot): void } {
  const listing = new KeyStore(db, NO_CIPHER);
  let snapshot: KeySnapshot = { status: { backend: 'keyfile', available: false, warning: 'keys are not loaded yet' }, keys: [] };
  return {
    update(next) {
      snapshot = next;
    },
    status: () => snapshot.status,
    list(options = {}): KeyInfo[] {
      const keys = listing.list();
      if (!options.check) return keys;
      // Whether each key reads back is known where the cipher is: the snapshot says.
      return keys.map((k) => ({ ...k, problem: snapshot.keys.find((s) => s.provider === k.provider && s.kind === k.kind)?.error ?? null }));
    },
    get(provider, kind) {
      const found = snapshot.keys.find((k) => k.provider === provider && k.kind === kind);
      if (!found) return null;
      if (found.error !== null) throw new ApiError('unavailable', found.error);
      return found.key;
    },
    set: (args) => host.set(args),
    remove: (provider, kind) => host.remove(provider, kind),
  };
}

/** The snapshot the cipher's thread sends: every stored key, decrypted (or why not). */
export function keySnapshotOf(store: KeyStore): KeySnapshot {
  return {
    status: store.status(),
    keys: store.list().map((k) => {
      try {
        return { provider: k.provider, kind: k.kind, key: store.get(k.provider, k.kind), error: null };
      } catch (err) {
        return { provider: k.provider, kind: k.kind, key: null, error: errorMessage(err) };
      }
    }),
  };
}
