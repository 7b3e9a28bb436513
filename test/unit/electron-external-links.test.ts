import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl } from '../../electron/main/external-links.js';

describe('isSafeExternalUrl', () => {
  it.each([
    'https://docs.anthropic.com/en/api/messages',
    'http://example.com',
    'HTTPS://EXAMPLE.COM/Path?q=1#frag',
    'http://127.0.0.1:8787/',
    'https://[2001:db8::1]/',
  ])('opens %s in the browser', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with leading spaces', '   javascript:alert(1)'],
    ['javascript: with mixed case and tab', 'JaVa\tScRiPt:alert(1)'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,hi'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['an SMB share (runs code on Windows)', 'smb://attacker/share/payload.exe'],
    ['ms-msdt: (Follina)', 'ms-msdt:/id PCWDiagnostic'],
    ['a custom protocol handler', 'vscode://file/etc/passwd'],
    ['mailto:', 'mailto:someone@example.com'],
    ['ftp:', 'ftp://example.com/file'],
    ['about:blank', 'about:blank'],
    ['credentials hiding the real host', 'https://docs.anthropic.com@evil.example/'],
    ['a relative URL', '/settings'],
    ['an empty string', ''],
    ['an absurdly long URL', `https://example.com/${'a'.repeat(3000)}`],
  ])('refuses %s', (_what, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
