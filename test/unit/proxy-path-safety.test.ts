/** Paths that must not pass below an upstream base path: a table of hostile spellings. */
import { describe, expect, it } from 'vitest';
import { hasDotSegment } from '../../electron/core/proxy/path-safety.js';

describe('hasDotSegment', () => {
  const refused = [
    '/anthropic/../openai/v1/models',
    '/anthropic/v1/..',
    '/anthropic/./v1/messages',
    '/anthropic/v1/%2e%2e/admin',
    '/anthropic/v1/%2E%2e/admin',
    '/anthropic/v1/.%2e/admin',
    '/anthropic/v1/%252e%252e/admin',
    '/anthropic/v1/..%2f..%2fadmin',
    '/anthropic/v1/..%5cadmin',
    '/anthropic/v1\\..\\admin',
    '/anthropic/v1/..;/admin',
    '/anthropic/v1/%2e%2e;jsessionid=1/admin',
    '/anthropic/v1/%zz/../admin',
    '/t/../anthropic/v1/messages',
  ];
  const allowed = [
    '/anthropic/v1/messages',
    '/gemini/v1beta/models/gemini-2.5-flash:generateContent',
    '/openai/v1/files/file-abc.jsonl/content',
    '/anthropic/v1/...',
    '/anthropic/v1/..a',
    '/anthropic/v1/a..',
    '/anthropic/v1/.well-known',
    '/openai/v1/%7Euser',
    '/anthropic/v1/%zz',
    '/',
  ];
  for (const path of refused) it(`refuses ${path}`, () => expect(hasDotSegment(path)).toBe(true));
  for (const path of allowed) it(`passes ${path}`, () => expect(hasDotSegment(path)).toBe(false));
});
