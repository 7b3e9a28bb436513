import { beforeEach, describe, expect, it, vi } from 'vitest';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

// Electron cannot start here: a stand-in safeStorage that really transforms the bytes.
const fake = vi.hoisted(() => ({
  available: true,
  backend: 'gnome_libsecret' as Backend,
  failDecrypt: false,
}));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => fake.available,
    getSelectedStorageBackend: () => fake.backend,
    encryptString: (plain: string) => Buffer.from(`v10${Buffer.from(plain).toString('hex')}`),
    decryptString: (blob: Buffer) => {
      if (fake.failDecrypt) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(blob.toString().slice(3), 'hex').toString();
    },
  },
}));

const { createSafeStorageCipher } = await import('../../electron/main/safe-storage-cipher.js');
const linux = process.platform === 'linux';

describe('safeStorage cipher', () => {
  beforeEach(() => {
    fake.available = true;
    fake.backend = 'gnome_libsecret';
    fake.failDecrypt = false;
  });

  it('encrypts through the keychain when it is available', () => {
    const cipher = createSafeStorageCipher(() => false);
    expect(cipher.backend).toBe('safeStorage');
    expect(cipher.status()).toEqual({ backend: 'safeStorage', available: true, warning: null });
    const blob = cipher.encrypt('sk-ant-api03-abcdefgh');
    expect(blob.toString()).not.toContain('sk-ant');
    expect(cipher.decrypt(blob)).toBe('sk-ant-api03-abcdefgh');
  });

  it('refuses when encryption is not available at all, even if weak storage is allowed', () => {
    fake.available = false;
    const cipher = createSafeStorageCipher(() => true);
    expect(cipher.status()).toMatchObject({ available: false, warning: expect.stringMatching(/system keychain is not available/) });
    expect(() => cipher.encrypt('sk-abcdefgh')).toThrow(/system keychain is not available/);
  });

  it.runIf(linux)("refuses Linux's plain-text fallback unless the user opted in", () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      fake.backend = backend;
      let allowed = false;
      const cipher = createSafeStorageCipher(() => allowed);
      expect(cipher.status()).toMatchObject({ available: false, warning: expect.stringMatching(/almost as plain text.*allow weak key storage in Settings/) });
      expect(() => cipher.encrypt('sk-abcdefgh')).toThrow(/almost as plain text/);
      allowed = true;
      expect(cipher.status()).toMatchObject({ available: true, warning: expect.stringMatching(/You allowed this in Settings/) });
      expect(cipher.decrypt(cipher.encrypt('sk-abcdefgh'))).toBe('sk-abcdefgh');
    }
  });

  it('turns a decryption failure into a plain message', () => {
    const cipher = createSafeStorageCipher(() => false);
    const blob = cipher.encrypt('sk-abcdefgh');
    fake.failDecrypt = true;
    expect(() => cipher.decrypt(blob)).toThrow(/could not be decrypted with the system keychain.*remove and re-add it/);
  });
});
