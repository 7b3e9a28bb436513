import { safeStorage } from 'electron';
import { ApiError, type KeyStoreStatus } from '../../shared/api/contract.js';
import type { SecretCipher } from '../core/secrets/secret-cipher.js';

/**
 * Keys encrypted by the OS keychain through Electron safeStorage. On Linux without a keyring
 * Electron falls back to 'basic_text', a fixed, publicly known password: practically plain text,
 * so it is refused unless the user allowed weak key storage in Settings. Call after app 'ready'.
 */
export function createSafeStorageCipher(allowWeakKeyStorage: () => boolean): SecretCipher {
  function status(): KeyStoreStatus {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        backend: 'safeStorage',
        available: false,
        warning: 'The system keychain is not available, so Tokentally cannot encrypt API keys. Unlock or set up your keychain and restart Tokentally.',
      };
    }
    const linuxBackend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
    if (linuxBackend === 'basic_text' || linuxBackend === 'unknown') {
      return allowWeakKeyStorage()
        ? {
            backend: 'safeStorage',
            available: true,
            warning: 'No system keyring (GNOME Keyring or KWallet) was found, so keys are stored almost as plain text: anyone who can read your files can read them. You allowed this in Settings.',
          }
        : {
            backend: 'safeStorage',
            available: false,
            warning: 'No system keyring (GNOME Keyring or KWallet) was found, so keys would be stored almost as plain text. Install or unlock a keyring and restart Tokentally, or allow weak key storage in Settings.',
          };
    }
    return { backend: 'safeStorage', available: true, warning: null };
  }

  return {
    backend: 'safeStorage',
    status,
    encrypt(plain: string): Buffer {
      const current = status();
      if (!current.available) throw new ApiError('unavailable', current.warning ?? 'keys cannot be stored right now');
      return safeStorage.encryptString(plain);
    },
    decrypt(blob: Buffer): string {
      if (!safeStorage.isEncryptionAvailable()) throw new ApiError('unavailable', status().warning ?? 'the system keychain is not available');
      try {
        return safeStorage.decryptString(blob);
      } catch {
        throw new ApiError(
          'unavailable',
          'this key could not be decrypted with the system keychain (it was stored under another keychain, user or machine); remove and re-add it',
        );
      }
    },
  };
}
