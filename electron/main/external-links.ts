/**
 * May this URL be handed to the OS browser (shell.openExternal)? Only plain http(s) links with a
 * host: never file:, javascript:, custom protocol handlers (smb:, ms-msdt:, ...) that have been
 * used to run code, and no user:password@ prefix that hides the real host from the user.
 */
export function isSafeExternalUrl(url: string): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (!parsed.hostname) return false;
  if (parsed.username || parsed.password) return false;
  return true;
}
