/**
 * A coding session's project, from the working directory its tool recorded: Claude Code writes
 * `cwd` on every transcript line (beside `sessionId`; e.g. DRMacIver/claude-reliability
 * notes/transcript-format.md, Claude Code 2.1, checked 2026-12-07), Codex writes it in the
 * `session_meta` and every `turn_context` payload (openai/codex codex-rs/protocol: TurnContextItem
 * { cwd, model, … }, SessionMeta { id, cwd, … }, checked 2026-12-07).
 *
 * The project is identified by its full path (two checkouts both called "api" stay apart) and
 * shown by its folder's name, with as much of the parent path as it takes to tell names apart.
 */

export interface Project {
  /** The working directory as recorded, without a trailing separator: the project's identity. */
  path: string;
  /** Its last folder's name ("api" for /home/me/work/api): what a table shows. */
  name: string;
}

/** Both separators: a transcript written on Windows says C:\Users\me\app. */
const SEPARATORS = /[\\/]+/;

/** The project of a working directory; null when none was recorded (or it is blank). */
export function projectOf(cwd: string | null | undefined): Project | null {
  if (typeof cwd !== 'string') return null;
  const trimmed = cwd.trim();
  if (trimmed === '') return null;
  // Keep a root ("/", "C:\") whole; strip a trailing separator from anything longer.
  const path = trimmed.length > 1 ? trimmed.replace(/[\\/]+$/, '') || trimmed.slice(0, 1) : trimmed;
  const parts = path.split(SEPARATORS).filter((p) => p !== '');
  const name = parts.length ? parts[parts.length - 1]! : path;
  return { path, name };
}

/**
 * A label per project path, unique among `paths`: the folder's name, or, where several share it,
 * as many trailing folders as it takes ("work/api", "old/api"); identical tails keep the full path.
 */
export function projectLabels(paths: readonly string[]): Map<string, string> {
  const unique = [...new Set(paths)];
  const parts = new Map(unique.map((p) => [p, p.split(SEPARATORS).filter((s) => s !== '')]));
  const labels = new Map<string, string>();
  for (const p of unique) {
    const mine = parts.get(p)!;
    let depth = 1;
    const tail = (segments: string[], n: number) => segments.slice(-n).join('/');
    while (depth < mine.length && unique.some((o) => o !== p && tail(parts.get(o)!, depth) === tail(mine, depth))) depth++;
    const label = tail(mine, depth);
    labels.set(p, label === '' || unique.some((o) => o !== p && tail(parts.get(o)!, depth) === label) ? p : label);
  }
  return labels;
}
