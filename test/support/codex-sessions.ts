/**
 * Codex CLI session logs for tests, in the shape Codex writes them
 * (~/.codex/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl): a session_meta line, a
 * turn_context per turn naming the model, messages and tool calls, and after each model call a
 * token_count event with the running total and the call's own figures. The traps: a token_count
 * before the first call (info null), repeats of the last total (rate-limit updates), a torn line,
 * and a model change mid-session.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CodexTotals } from '../../shared/transcripts/codex-session.js';
import { seededRandom } from './seeded-random.js';

export interface CodexCallSpec {
  model: string;
  input: number;
  cached: number;
  output: number;
  reasoning: number;
  /** ISO time of the token_count line. */
  at: string;
}

export type { CodexTotals };

const RATE_LIMITS = { primary: { used_percent: 7, window_minutes: 300, resets_at: 1763483205 }, secondary: { used_percent: 12, window_minutes: 10080, resets_at: 1763606387 } };

/** The lines of one session; `totals` continues a session whose earlier calls are already written. */
export function codexSessionLines(
  sessionId: string,
  calls: readonly CodexCallSpec[],
  options: { meta?: boolean; totals?: CodexTotals; rateLimits?: (call: CodexCallSpec | null) => unknown; cwd?: string } = {},
): { lines: string[]; totals: CodexTotals } {
  const limits = options.rateLimits ?? (() => RATE_LIMITS);
  const cwd = options.cwd ?? '/home/dev/app';
  const lines: string[] = [];
  const totals: CodexTotals = options.totals ? { ...options.totals } : { input_tokens: 0, cached_input_tokens: 0, output_tokens: 0, reasoning_output_tokens: 0, total_tokens: 0 };
  const first = calls[0]?.at ?? '2025-11-20T10:00:00.000Z';
  if (options.meta !== false) {
    lines.push(JSON.stringify({ timestamp: first, type: 'session_meta', payload: { id: sessionId, timestamp: first, cwd, originator: 'codex_cli_rs', cli_version: '0.58.0', instructions: null, source: 'cli', model_provider: 'openai' } }));
    lines.push(JSON.stringify({ timestamp: first, type: 'event_msg', payload: { type: 'token_count', info: null, rate_limits: limits(null) } }));
  }
  let model: string | null = null;
  for (const call of calls) {
    if (call.model !== model) {
      model = call.model;
      lines.push(JSON.stringify({ timestamp: call.at, type: 'turn_context', payload: { cwd, approval_policy: 'on-request', sandbox_policy: { mode: 'workspace-write' }, model, effort: 'medium', summary: 'auto' } }));
    }
    lines.push(JSON.stringify({ timestamp: call.at, type: 'response_item', payload: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'fix the failing test — ünïcode too' }] } }));
    lines.push(JSON.stringify({ timestamp: call.at, type: 'response_item', payload: { type: 'function_call', name: 'shell', arguments: '{"command":["npm","test"]}', call_id: `call_${lines.length}` } }));
    const last: CodexTotals = { input_tokens: call.input, cached_input_tokens: call.cached, output_tokens: call.output, reasoning_output_tokens: call.reasoning, total_tokens: call.input + call.output };
    totals.input_tokens += last.input_tokens;
    totals.cached_input_tokens += last.cached_input_tokens;
    totals.output_tokens += last.output_tokens;
    totals.reasoning_output_tokens += last.reasoning_output_tokens;
    totals.total_tokens += last.total_tokens;
    const tokenCount = JSON.stringify({ timestamp: call.at, type: 'event_msg', payload: { type: 'token_count', info: { total_token_usage: { ...totals }, last_token_usage: last, model_context_window: 272000 }, rate_limits: limits(call) } });
    lines.push(tokenCount);
    // Codex repeats the last count when only the rate limits change: not a new call.
    lines.push(tokenCount);
  }
  return { lines, totals };
}

/** Where Codex would put a session started at `at`. */
export function rolloutPath(codexHome: string, sessionId: string, at: string): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = [String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const stamp = at.slice(0, 19).replace(/:/g, '-');
  return path.join(codexHome, 'sessions', ...day, `rollout-${stamp}-${sessionId}.jsonl`);
}

export function writeLines(file: string, lines: readonly string[], mode: 'write' | 'append' = 'write'): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const body = lines.map((l) => l + '\n').join('');
  if (mode === 'append') fs.appendFileSync(file, body);
  else fs.writeFileSync(file, body);
}

export interface GeneratedCodexHome {
  files: string[];
  calls: number;
}

/**
 * A Codex home of `sessions` sessions spread over `days` days from `firstDay`, each of `calls`
 * calls on models picked at random (switching mid-session too), with a seed for repeatability.
 * Every third session is written the way older Codex builds wrote it: running totals only.
 */
export function generateCodexHome(home: string, o: { seed: number; sessions: number; calls: number; firstDay: string; days: number; models: readonly string[] }): GeneratedCodexHome {
  const random = seededRandom(o.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const files: string[] = [];
  let calls = 0;
  for (let s = 0; s < o.sessions; s++) {
    const hex = (width: number) => Math.floor(random() * 16 ** width).toString(16).padStart(width, '0');
    const id = `019a${hex(4)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;
    let time = Date.parse(`${o.firstDay}T00:00:00.000Z`) + Math.floor(random() * o.days) * 86_400_000 + Math.floor(random() * 86_400_000);
    let model = pick(o.models);
    const specs: CodexCallSpec[] = [];
    for (let c = 0; c < o.calls; c++) {
      if (random() < 0.15) model = pick(o.models);
      const input = 2_000 + Math.floor(random() * 60_000);
      const output = 50 + Math.floor(random() * 4_000);
      specs.push({ model, input, cached: Math.floor(input * random() * 0.9), output, reasoning: Math.floor(output * random() * 0.6), at: new Date(time).toISOString() });
      time += 5_000 + Math.floor(random() * 600_000);
    }
    calls += specs.length;
    let { lines } = codexSessionLines(id, specs);
    if (s % 3 === 2) lines = lines.map((l) => l.replace(/,"last_token_usage":\{[^}]*\}/, ''));
    const file = rolloutPath(home, id, specs[0]!.at);
    writeLines(file, lines);
    files.push(file);
  }
  return { files, calls };
}
