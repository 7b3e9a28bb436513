import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../shared/keys/redact-secrets.js';

describe('redactSecrets', () => {
  it('cuts out each secret in play, wherever it is', () => {
    expect(redactSecrets('bad key custom-key-42x (custom-key-42x)', ['custom-key-42x'])).toBe('bad key [key] ([key])');
  });
  it('cuts out words that look like keys, keeping their punctuation', () => {
    expect(redactSecrets('Incorrect API key provided: "sk-proj-abcdefghijklmnop1234", try again.')).toBe('Incorrect API key provided: "[key]", try again.');
    expect(redactSecrets('key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv')).toBe('key=[key]');
  });
  it('leaves ordinary text, and a short placeholder given as a secret, alone', () => {
    expect(redactSecrets('rate_limit_error: slow down, please', ['tokentally'.slice(0, 5)])).toBe('rate_limit_error: slow down, please');
    expect(redactSecrets('overloaded_error: Overloaded')).toBe('overloaded_error: Overloaded');
  });
});
