import type { KeyStoreStatus } from '../../../shared/api/contract.js';

/**
 * Encrypts API keys before they reach the ledger. Electron's main process provides one backed by
 * safeStorage (OS keychain); headless mode uses an AES-256-GCM key file.
 */
export interface SecretCipher {
  readonly backend: KeyStoreStatus['backend'];
  status(): KeyStoreStatus;
  /** Throws when the backend cannot encrypt right now (status().available is false). */
  encrypt(plain: string): Buffer;
  /** Throws a clear error when the blob was sealed with another key. */
  decrypt(blob: Buffer): string;
}
