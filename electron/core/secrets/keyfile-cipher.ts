import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiError, type KeyStoreStatus } from '../../../shared/api/contract.js';
import type { SecretCipher } from './secret-cipher.js';
import { errorCode, errorMessage } from '../../../shared/error-message.js';
import { flushDirectory } from '../flush-directory.js';

export const MASTER_KEY_ENV = 'TOKENTALLY_MASTER_KEY';
export const MASTER_KEY_FILE = 'master.key';
/** Salt for a passphrase given in TOKENTALLY_MASTER_KEY; not secret. */
export const MASTER_SALT_FILE = 'master.salt';

const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
// scrypt at N=2^15, r=8: 32 MiB and about 0.1 s, once per process.
const SCRYPT = { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const SHORT_PASSPHRASE = 16;

/**
 * Headless encryption of API keys: AES-256-GCM, a random 12-byte IV per blob,
 * blob = version byte (1) + IV + auth tag + ciphertext.
 *
 * The master key comes from TOKENTALLY_MASTER_KEY when set: 64 hex digits or base64 of 32 bytes
 * are used as the key itself; anything else is a passphrase, stretched with scrypt and a random
 * salt kept in <dataDir>/master.salt (one derivation per process, not per key). Otherwise it is
 * <dataDir>/master.key (64 hex digits), created on first use with mode 0600 and never replaced.
 * The key file keeps keys out of the database file (backups, syncing, a shared copy); it does not
 * protect against someone who can read the user's files — the OS keychain in the app does better.
 */
export function createKeyfileCipher(dataDir: string, env: NodeJS.ProcessEnv): SecretCipher {
  const keyFile = path.join(dataDir, MASTER_KEY_FILE);
  const saltFile = path.join(dataDir, MASTER_SALT_FILE);
  const envValue = env[MASTER_KEY_ENV]?.trim() || null;
  const rawEnvKey = envValue ? parseRawKey(envValue) : null;
  let cached: Buffer | null = null;

  function masterKey(create: boolean): Buffer | null {
    if (cached) return cached;
    if (envValue) {
      if (rawEnvKey) return (cached = rawEnvKey);
      const salt = readSalt(saltFile) ?? (create ? createSalt(dataDir, saltFile) : null);
      if (!salt) return null;
      return (cached = scryptSync(envValue.normalize('NFC'), salt, KEY_BYTES, SCRYPT));
    }
    const existing = readKeyFile(keyFile);
    if (existing) return (cached = existing);
    return create ? (cached = createKeyFile(dataDir, keyFile)) : null;
  }

  const wrongKey = () =>
    new ApiError(
      'unavailable',
      `this key was stored with a different master key (${MASTER_KEY_ENV} or ${keyFile}); set the right one or remove and re-add the key`,
    );

  return {
    backend: 'keyfile',

    status(): KeyStoreStatus {
      try {
        masterKey(false);
      } catch (err) {
        return { backend: 'keyfile', available: false, warning: errorMessage(err) };
      }
      const weak = envValue && !rawEnvKey && envValue.length < SHORT_PASSPHRASE;
      return {
        backend: 'keyfile',
        available: true,
        warning: weak
          ? `${MASTER_KEY_ENV} is a short passphrase; a longer one, or a random key (openssl rand -hex 32), is much harder to guess`
          : null,
      };
    },

    encrypt(plain: string): Buffer {
      const key = masterKey(true)!;
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([BLOB_VERSION]), iv, cipher.getAuthTag(), body]);
    },

    decrypt(blob: Buffer): string {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== BLOB_VERSION) {
        throw new ApiError('unavailable', 'this stored key is damaged or was written by a newer Tokentally; remove and re-add it');
      }
      const key = masterKey(false);
      if (!key) {
        throw new ApiError(
          'unavailable',
          envValue
            ? `the passphrase salt ${saltFile} is missing, so stored keys cannot be decrypted; restore it, or remove and re-add the keys`
            : `the master key file ${keyFile} is missing and ${MASTER_KEY_ENV} is not set, so stored keys cannot be decrypted; restore it, or remove and re-add the keys`,
        );
      }
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        // GCM authentication failed: another key (or a tampered blob). Never return what came out.
        throw wrongKey();
      }
    },
  };
}

/** 64 hex digits, or base64 (standard or URL-safe) of exactly 32 bytes; else null (a passphrase). */
function parseRawKey(value: string): Buffer | null {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}={0,1}$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === KEY_BYTES) return bytes;
  }
  return null;
}

function readKeyFile(file: string): Buffer | null {
  return readHexFile(file, KEY_BYTES, true, 'the master key file');
}

function readSalt(file: string): Buffer | null {
  return readHexFile(file, SALT_BYTES, false, 'the passphrase salt file');
}

function readHexFile(file: string, bytes: number, secret: boolean, what: string): Buffer | null {
  const text = readPrivateFile(file, secret);
  if (text === null) return null;
  const trimmed = text.trim();
  if (trimmed.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(trimmed)) {
    throw new ApiError('unavailable', `${what} ${file} is damaged (expected ${bytes * 2} hex digits); restore it from a backup`);
  }
  return Buffer.from(trimmed, 'hex');
}

/** The file's text, or null when it does not exist. Mode is checked on the open descriptor, not the path. */
function readPrivateFile(file: string, secret: boolean): string | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw new ApiError('unavailable', `cannot read ${file}: ${errorMessage(err)}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new ApiError('unavailable', `${file} is not a regular file`);
    // Windows has no POSIX mode bits; its ACLs default to the user's profile.
    if (secret && process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new ApiError(
        'unavailable',
        `the master key file ${file} can be read by other users (mode ${mode}); refusing to use it. Run: chmod 600 ${file}`,
      );
    }
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function createKeyFile(dataDir: string, file: string): Buffer {
  const key = randomBytes(KEY_BYTES);
  if (createExclusive(dataDir, file, `${key.toString('hex')}\n`)) return key;
  return readKeyFile(file)!; // another process created it first: use theirs
}

function createSalt(dataDir: string, file: string): Buffer {
  const salt = randomBytes(SALT_BYTES);
  if (createExclusive(dataDir, file, `${salt.toString('hex')}\n`)) return salt;
  return readSalt(file)!;
}

/**
 * Write content to a new file, mode 0600, atomically: a temp file (O_EXCL) hard-linked into place,
 * because rename() would silently replace a key another process wrote a moment earlier, making
 * its keys undecryptable. Returns false when the file already existed.
 */
function createExclusive(dataDir: string, file: string, content: string): boolean {
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new ApiError('unavailable', `cannot create the data directory ${dataDir}: ${errorMessage(err)}`);
  }
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const fd = fs.openSync(temp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    try {
      fs.linkSync(temp, file);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'EEXIST') return false;
      // File systems without hard links: rename, after a last check.
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw err;
      if (fs.existsSync(file)) return false;
      fs.renameSync(temp, file);
    }
    flushDirectory(dataDir);
    return true;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError('unavailable', `cannot create ${file}: ${errorMessage(err)}`);
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
