export type { SecretCipher } from './secret-cipher.js';
export { createKeyfileCipher, parseRawKey, MASTER_KEY_ENV, MASTER_KEY_FILE, MASTER_SALT_FILE } from './keyfile-cipher.js';
export { KeyStore } from './key-store.js';
