/**
 * Paths that could leave the upstream's base path. The proxy forwards the path as the client sent
 * it, below the configured base (https://gateway.example/anthropic + /v1/messages); a path with
 * `..` segments would be resolved by whatever server reads it next, above that base. Such paths are
 * refused, not normalised: no SDK sends them, and guessing how the next server decodes is what
 * path-traversal bugs are made of. Percent-encoded dots (%2e, %252e), backslashes (some servers
 * read them as slashes) and `;` parameters (`..;/`) are read as such servers would.
 */

/** Whether the path (no query) has a `.` or `..` segment, however it is spelled. */
export function hasDotSegment(path: string): boolean {
  // Most paths have neither: /v1/messages, /v1/chat/completions.
  if (path.indexOf('.') < 0 && path.indexOf('%') < 0) return false;
  for (const raw of path.split(/[/\\]/)) {
    if (raw === '' || (raw.indexOf('.') < 0 && raw.indexOf('%') < 0)) continue;
    if (isDots(decodeFully(raw))) return true;
  }
  return false;
}

function isDots(segment: string): boolean {
  // A decoded segment may itself hold separators (..%2f..): each piece counts.
  for (const part of segment.split(/[/\\]/)) {
    const name = part.split(';', 1)[0]!;
    if (name === '.' || name === '..') return true;
  }
  return false;
}

/** Percent-decode until stable (double-encoded %252e is a dot to a server that decodes twice). */
function decodeFully(segment: string): string {
  let current = segment;
  for (let i = 0; i < 4 && current.indexOf('%') >= 0; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // Malformed escapes: decode the ones that are well formed.
      next = current.replace(/%[0-9a-f]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16)));
    }
    if (next === current) break;
    current = next;
  }
  return current;
}
