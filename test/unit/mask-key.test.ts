import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/contract.js';
import { keyKindWarning, looksLikeAdminKey, looksLikeApiKey, maskKey, validateKeyText } from '../../shared/keys/mask-key.js';
import { normalizeProviderName } from '../../shared/keys/provider-name.js';
import { errorMessage } from '../../shared/error-message.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
function randomText(length: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    out += ALPHABET[s % ALPHABET.length];
  }
  return out;
}

describe('maskKey', () => {
  it.each([
    ['sk-ant-api03-' + randomText(93, 1) + '9xQa', 'sk-ant-…9xQa'],
    ['sk-ant-admin01-' + randomText(90, 2) + 'AbCd', 'sk-ant-admin…AbCd'],
    ['sk-proj-' + randomText(150, 3) + 'wxyz', 'sk-proj-…wxyz'],
    ['sk-or-v1-' + 'a'.repeat(60) + '1234', 'sk-or-v1-…1234'],
    ['sk-' + 'f'.repeat(28) + 'beef', 'sk-…beef'],
    ['AIzaSy' + randomText(29, 4) + 'QQQQ', 'AIza…QQQQ'],
    ['abcdefghijklmnopqrstuvwxyz123456', '…3456'],
  ])('masks %s as %s', (key, hint) => {
    expect(maskKey(key)).toBe(hint);
  });

  it('drops the prefix when showing it would reveal more than a quarter of a short key', () => {
    expect(maskKey('sk-ant-abcdefghi')).toBe('…hi');
    expect(maskKey('sk-12345')).toBe('…5');
  });

  it('never shows more than a quarter of any key, prefixed or not', () => {
    const prefixes = ['', 'sk-', 'sk-ant-', 'sk-ant-admin01-', 'sk-proj-', 'sk-or-v1-', 'gsk_', 'xai-'];
    for (const prefix of prefixes) {
      for (let length = 8; length <= 220; length++) {
        const key = (prefix + randomText(length, length)).slice(0, Math.max(length, 8));
        const hint = maskKey(key);
        const shown = hint.replace('…', '').length;
        expect(shown, `${key.length}-char key shown as ${hint}`).toBeLessThanOrEqual(Math.floor(key.length / 4));
        expect(hint).toContain('…');
        expect(key.endsWith(hint.split('…')[1]!)).toBe(true);
      }
    }
  });
});

describe('validateKeyText', () => {
  it('trims surrounding whitespace and newlines', () => {
    expect(validateKeyText('  sk-ant-api03-abcdefgh\n')).toBe('sk-ant-api03-abcdefgh');
    expect(validateKeyText('\tsk-abcdefgh\r\n')).toBe('sk-abcdefgh');
  });

  it.each([
    ['', /empty/],
    ['   \n ', /empty/],
    ['sk-ant- abcdefgh', /spaces or line breaks/],
    ['sk-ant-abc\ndefgh', /spaces or line breaks/],
    ['sk-1', /too short/],
    ['x'.repeat(5000), /too long/],
    ['sk-ant-é-abcdefgh', /characters/],
    ['sk-ant-\u0007abcdefgh', /characters/],
    // The proxy's placeholder (OPENAI_API_KEY=tokentally), piped in from the environment.
    ['tokentally\n', /placeholder tools send to the proxy/],
    ['Bearer', /placeholder/],
  ])('rejects %j', (input, message) => {
    let caught: unknown;
    try {
      validateKeyText(input);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ApiError);
    expect((caught as ApiError).code).toBe('bad_request');
    expect((caught as ApiError).message).toMatch(message);
  });

  it('never quotes the key in its message', () => {
    const key = 'sk-ant-api03-SECRETSECRET secret';
    expect(() => validateKeyText(key)).toThrow(ApiError);
    try {
      validateKeyText(key);
    } catch (err) {
      expect(errorMessage(err)).not.toContain('SECRET');
    }
  });
});

describe('admin keys', () => {
  it('recognises Anthropic and OpenAI admin keys by prefix', () => {
    expect(looksLikeAdminKey('anthropic', 'sk-ant-admin01-abc')).toBe(true);
    expect(looksLikeAdminKey('anthropic', 'sk-ant-api03-abc')).toBe(false);
    expect(looksLikeAdminKey('openai', 'sk-admin-abc')).toBe(true);
    expect(looksLikeAdminKey('openai', 'sk-proj-abc')).toBe(false);
    expect(looksLikeAdminKey('openrouter', 'sk-admin-abc')).toBe(false);
    expect(looksLikeAdminKey('Anthropic', 'sk-ant-admin01-abc')).toBe(true);
  });

  it('warns when a key seems to be in the wrong slot, and only then', () => {
    expect(keyKindWarning('anthropic', 'api', 'sk-ant-admin01-abcdefgh')).toMatch(/Admin key/);
    expect(keyKindWarning('anthropic', 'admin', 'sk-ant-api03-abcdefgh')).toMatch(/does not look like an Anthropic Admin key/);
    expect(keyKindWarning('openai', 'admin', 'sk-proj-abcdefgh')).toMatch(/sk-admin-/);
    expect(keyKindWarning('anthropic', 'api', 'sk-ant-api03-abcdefgh')).toBeNull();
    expect(keyKindWarning('anthropic', 'admin', 'sk-ant-admin01-abcdefgh')).toBeNull();
    expect(keyKindWarning('deepseek', 'admin', 'sk-abcdefgh')).toBeNull();
  });
});

describe('normalizeProviderName', () => {
  it.each([
    ['anthropic', 'anthropic'],
    ['OpenAI', 'openai'],
    [' deepseek ', 'deepseek'],
    ['my-proxy-2', 'my-proxy-2'],
    ['0x', '0x'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeProviderName(input)).toBe(expected);
  });

  it.each(['', '-anthropic', 'open ai', 'open_ai', 'a/b', '../etc', 'x'.repeat(65), 'ánthropic'])('rejects %j', (input) => {
    expect(() => normalizeProviderName(input)).toThrow(/lower-case letters, digits and dashes/);
  });

  it('says so, without echoing it, when given a key instead of a name', () => {
    const key = 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz';
    expect(() => normalizeProviderName(key)).toThrow(/looks like an API key/);
    try {
      normalizeProviderName(key);
    } catch (err) {
      expect(errorMessage(err)).not.toContain('abcdefghij');
    }
  });
});

describe('looksLikeApiKey', () => {
  it.each([
    ['sk-ant-api03-abcdefghijklmnop', true],
    ['sk-abcdef0123456789abcdef0123456789', true],
    ['AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv', true],
    ['Ab3dEf6hIj9lMn2pQr5tUv8xYz1bCd4fGh', true],
    ['anthropic', false],
    ['my-very-long-custom-provider-name-here', false],
    ['/home/me/some/Data-Dir1234567890abcdefghij', false],
    ['sk-short', false],
  ])('%j → %s', (text, expected) => {
    expect(looksLikeApiKey(text)).toBe(expected);
  });
});
