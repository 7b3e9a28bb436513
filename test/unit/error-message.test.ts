import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { errorCause, errorCode, errorMessage } from '../../shared/error-message.js';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not throw');
}

describe('errorMessage', () => {
  it("reads an Error's message", () => {
    expect(errorMessage(new RangeError('out of range'))).toBe('out of range');
  });

  it('reads an error from another realm, which is not instanceof Error here', () => {
    const err = thrown(() => runInNewContext('throw new TypeError("from the sandbox")'));
    expect(err instanceof Error).toBe(false);
    expect(errorMessage(err)).toBe('from the sandbox');
  });

  it('turns anything else thrown into text', () => {
    expect(errorMessage('plain text')).toBe('plain text');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(null)).toBe('null');
    expect(errorMessage(undefined)).toBe('undefined');
    expect(errorMessage({ message: 7 })).toBe('[object Object]');
    expect(errorMessage(Object.create(null))).toBe('[object Object]');
  });
});

describe('errorCode', () => {
  it("reads a Node system error's code", () => {
    const err = thrown(() => readFileSync('/nonexistent/tokentally-error-message-test'));
    expect(errorCode(err)).toBe('ENOENT');
  });

  it('is undefined without a string code', () => {
    expect(errorCode(new Error('no code'))).toBeUndefined();
    expect(errorCode({ code: 5 })).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
    expect(errorCode('ENOENT')).toBeUndefined();
  });
});

describe('errorCause', () => {
  it("reads an error's cause", () => {
    const cause = new Error('socket hang up');
    expect(errorCause(new Error('fetch failed', { cause }))).toBe(cause);
    expect(errorCause('text')).toBeUndefined();
  });
});
