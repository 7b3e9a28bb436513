export type { SecretCipher } from './secret-cipher.js';
export { createKeyfileCipher, MASTER_KEY_FILE, MASTER_SALT_FILE } from './keyfile-cipher.js';
export { KeyStore } from './key-store.js';
