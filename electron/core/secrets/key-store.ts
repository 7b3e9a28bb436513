import { ApiError, type KeyInfo, type KeyKind, type KeyStoreStatus, type SetKeyArgs } from '../../../shared/api/contract.js';
import { maskKey, validateKeyText } from '../../../shared/keys/mask-key.js';
import { normalizeProviderName } from '../../../shared/keys/provider-name.js';
import type { Db } from '../ledger/open-database.js';
import { keyFingerprint } from './key-fingerprint.js';
import { keyLabels, setKeyLabel } from './key-labels.js';
import type { SecretCipher } from './secret-cipher.js';
import { errorMessage } from '../../../shared/error-message.js';

const BACKEND_NAMES: Record<KeyStoreStatus['backend'], string> = {
  safeStorage: "the desktop app's system keychain",
  keyfile: "the headless key file (master.key or TOKENTALLY_MASTER_KEY)",
};

interface SecretRow {
  provider: string;
  kind: KeyKind;
  backend: KeyStoreStatus['backend'];
  blob: Buffer;
  hint: string;
  updated_at: number;
  key_ref: string | null;
}

/**
 * API keys in the ledger's `secrets` table: encrypted blobs and a masked hint, nothing else.
 * list() is what the UI may see; get() returns the key itself and is for the main process and
 * the proxy only.
 */
export class KeyStore {
  constructor(
    private readonly db: Db,
    private readonly cipher: SecretCipher,
    private readonly now: () => number = Date.now,
  ) {}

  status(): KeyStoreStatus {
    return this.cipher.status();
  }

  /**
   * The stored keys, masked. With `check`, each is also decrypted (and dropped at once) to say
   * which cannot be read back: a key sealed under another master key or key store would
   * otherwise only show as calls going out without it.
   */
  list(options: { check?: boolean } = {}): KeyInfo[] {
    const rows = this.db
      .prepare('SELECT provider, kind, hint, updated_at, key_ref FROM secrets ORDER BY provider, kind')
      .all() as Pick<SecretRow, 'provider' | 'kind' | 'hint' | 'updated_at' | 'key_ref'>[];
    const labels = keyLabels(this.db);
    return rows.map((row) => {
      const info = toInfo(row, labels);
      if (options.check) info.problem = this.readProblem(row.provider, row.kind);
      return info;
    });
  }

  /** Why a stored key cannot be read back, or null when it can. */
  private readProblem(provider: string, kind: KeyKind): string | null {
    try {
      this.get(provider, kind);
      return null;
    } catch (err) {
      return errorMessage(err);
    }
  }

  /**
   * Fingerprint keys stored before fingerprints were kept (decrypting them, here in the process
   * that holds the cipher); a key that cannot be read is left for later. Returns how many were done.
   */
  fingerprintOldKeys(): number {
    const rows = this.db.prepare('SELECT provider, kind FROM secrets WHERE key_ref IS NULL').all() as Pick<SecretRow, 'provider' | 'kind'>[];
    let done = 0;
    for (const { provider, kind } of rows) {
      try {
        const key = this.get(provider, kind);
        if (key === null) continue;
        this.db.prepare('UPDATE secrets SET key_ref = ? WHERE provider = ? AND kind = ?').run(keyFingerprint(key), provider, kind);
        done++;
      } catch {
        // Sealed under another backend or master key: it is reported where it is used.
      }
    }
    return done;
  }

  /** Validate, encrypt and store (replacing any key of that provider and kind). */
  set(args: SetKeyArgs): KeyInfo {
    if (!args || typeof args !== 'object') throw new ApiError('bad_request', 'expected { provider, kind, key }');
    const provider = normalizeProviderName(args.provider);
    const kind = checkKind(args.kind);
    const key = validateKeyText(args.key);
    const status = this.cipher.status();
    if (!status.available) {
      throw new ApiError('unavailable', status.warning ?? 'keys cannot be stored securely right now');
    }
    const blob = this.cipher.encrypt(key);
    // A backend that cannot give the key back must fail now, not when the proxy needs it.
    if (this.cipher.decrypt(blob) !== key) {
      throw new ApiError('internal', 'the key store could not read back what it encrypted; the key was not stored');
    }
    const row = { provider, kind, backend: this.cipher.backend, blob, hint: maskKey(key), updated_at: this.now(), key_ref: keyFingerprint(key) };
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO secrets (provider, kind, backend, blob, hint, updated_at, key_ref)
           VALUES (@provider, @kind, @backend, @blob, @hint, @updated_at, @key_ref)
           ON CONFLICT (provider, kind) DO UPDATE SET
             backend = excluded.backend, blob = excluded.blob, hint = excluded.hint, updated_at = excluded.updated_at, key_ref = excluded.key_ref`,
        )
        .run(row);
      if (args.label !== undefined && args.label !== null && args.label.trim() !== '') setKeyLabel(this.db, row.key_ref, args.label);
    })();
    return toInfo(row, keyLabels(this.db));
  }

  /** True when a key was removed. */
  remove(provider: string, kind: KeyKind): boolean {
    const result = this.db
      .prepare('DELETE FROM secrets WHERE provider = ? AND kind = ?')
      .run(normalizeProviderName(provider), checkKind(kind));
    return result.changes > 0;
  }

  /** The decrypted key, or null when none is stored. Never send this to the renderer. */
  get(provider: string, kind: KeyKind): string | null {
    const name = normalizeProviderName(provider);
    const row = this.db
      .prepare('SELECT backend, blob FROM secrets WHERE provider = ? AND kind = ?')
      .get(name, checkKind(kind)) as Pick<SecretRow, 'backend' | 'blob'> | undefined;
    if (!row) return null;
    if (row.backend !== this.cipher.backend) {
      throw new ApiError(
        'unavailable',
        `the ${name} ${kind} key was stored with ${BACKEND_NAMES[row.backend]} and cannot be read with ${BACKEND_NAMES[this.cipher.backend]}; add it again here`,
      );
    }
    return this.cipher.decrypt(row.blob);
  }
}

function checkKind(kind: unknown): KeyKind {
  if (kind === 'api' || kind === 'admin') return kind;
  throw new ApiError('bad_request', 'the key kind must be "api" or "admin"');
}

function toInfo(row: Pick<SecretRow, 'provider' | 'kind' | 'hint' | 'updated_at' | 'key_ref'>, labels: ReadonlyMap<string, string>): KeyInfo {
  const keyRef = row.key_ref ?? null;
  return { provider: row.provider, kind: row.kind, hasKey: true, hint: row.hint, updatedAt: row.updated_at, keyRef, label: keyRef === null ? null : (labels.get(keyRef) ?? null) };
}
