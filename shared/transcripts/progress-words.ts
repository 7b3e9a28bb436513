/** An import pass's progress in words, the same on a terminal and in the app. */
import type { ImportProgress } from '../api/contract-subscriptions.js';
import { formatBytes, formatCount, formatCountOf } from '../format.js';

const SOURCE_NAMES: Record<string, string> = { 'claude-code': 'Claude Code', codex: 'Codex', 'gemini-cli': 'Gemini CLI' };

/** "Claude Code: 120 of 1,674 files · 52.3 MB of 200.0 MB · 8,120 calls". */
export function importProgressText(p: ImportProgress): string {
  const name = SOURCE_NAMES[p.source] ?? p.source;
  return `${name}: ${formatCount(p.filesDone)} of ${formatCountOf(p.filesTotal, 'file')} · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)} · ${formatCountOf(p.calls, 'call')}`;
}
