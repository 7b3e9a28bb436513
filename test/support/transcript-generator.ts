/**
 * Realistic Claude Code transcripts for tests and benchmarks, deterministic from a seed.
 *
 * Layout: <configDir>/projects/<encoded cwd>/<session uuid>.jsonl. Each session is a conversation:
 * user prompts, assistant replies written one line per content block (thinking, text, tool_use)
 * repeating the same message id, request id and usage, tool results (user lines carrying file
 * contents, with quotes, backslashes, newlines and non-ASCII text) and now and then the traps an
 * importer must survive:
 * - streaming partial copies of a reply (same ids, smaller output_tokens) before the final copy;
 * - a resumed session that starts with copies of an earlier session's messages (same ids), at
 *   times only their first, partial, line;
 * - sub-agent (sidechain) replies, and the Task tool result that summarises them with its own
 *   `toolUseResult.usage` on a *user* line (not a call);
 * - synthetic replies (model "<synthetic>") and API-error replies (isApiErrorMessage), with zero
 *   usage, as Claude Code writes them;
 * - lines that are not JSON (a torn write, a stray log line), summary and system lines;
 * - cache writes split 5m/1h (mostly 1h, as Claude Code does), and older lines giving only
 *   cache_creation_input_tokens;
 * - web searches (server_tool_use).
 * The generator also returns what it wrote as truth: one entry per real message, final copy.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seededRandom } from './seeded-random.js';

const GENERATOR_MODELS = ['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5-20251001', 'claude-sonnet-4-20250514'] as const;

export interface GeneratorOptions {
  seed?: number;
  projects?: number;
  sessionsPerProject?: number;
  /** Prompts per session (each followed by one to a few replies). */
  turnsPerSession?: number;
  /** First day of the span, "YYYY-MM-DD" (UTC); sessions fall on days within `days` of it. */
  firstDay?: string;
  days?: number;
  /** Typical size of a tool result, bytes (the bulk of a transcript). */
  payloadBytes?: number;
  /**
   * Scales the text of replies (thinking, text, files written), default 1. Small values give a
   * message-dense history: many short replies and few tool outputs, the shape where parsing and
   * writing per message cost the most.
   */
  replyScale?: number;
  /** Stop adding sessions once this many bytes are written (benchmarks). */
  maxBytes?: number;
  /** Write the traps listed above (default true). */
  traps?: boolean;
  /** The working directory of project p (default /home/dev/work/project-<p>). */
  projectDir?: (p: number) => string;
}

interface TruthMessage {
  key: string;
  time: number;
  model: string;
  input: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  cacheRead: number;
  output: number;
  webSearches: number;
  sidechain: boolean;
  /** The session's working directory and id, as its lines say. */
  cwd: string;
  sessionId: string;
}

export interface GeneratedTranscripts {
  projectsDir: string;
  files: string[];
  bytes: number;
  /** Real messages (final copies), keyed by "<request id>:<message id>". */
  messages: Map<string, TruthMessage>;
  /** Lines written, by kind. */
  lines: {
    total: number;
    usage: number;
    partialCopies: number;
    synthetic: number;
    apiError: number;
    /** Lines that are not JSON, and among them those holding the "usage" key (torn writes). */
    notJson: number;
    tornUsage: number;
    sidechain: number;
    resumedCopies: number;
  };
}

const WORDS = [
  'function',
  'const',
  'return',
  'the',
  'ledger',
  'import',
  'value',
  'await',
  'résumé',
  'naïve',
  '日本語',
  'données',
  '🙂',
  'path',
  'config',
  'test',
  'expect',
  'string',
  'number',
  'buffer',
];

class Writer {
  readonly rand: () => number;
  private counter = 0;
  /** Which odd line comes next (they take turns). */
  oddKind = 0;
  constructor(seed: number) {
    this.rand = seededRandom(seed);
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rand() * list.length)]!;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  id(prefix: string): string {
    this.counter++;
    const n = this.counter.toString(36).padStart(8, '0');
    const r = Math.floor(this.rand() * 2 ** 32)
      .toString(36)
      .padStart(7, '0');
    return `${prefix}${r}${n}`;
  }
  uuid(): string {
    const hex = () =>
      Math.floor(this.rand() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    const h = hex() + hex() + hex() + hex();
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** Text of about `bytes` characters with the characters JSON must escape. */
  text(bytes: number): string {
    const parts: string[] = [];
    let size = 0;
    while (size < bytes) {
      const w = this.pick(WORDS);
      const sep = this.chance(0.08) ? '\n' : this.chance(0.05) ? ' "quoted" ' : this.chance(0.03) ? ' C:\\path\\file ' : ' ';
      parts.push(w, sep);
      size += w.length + sep.length;
    }
    return parts.join('');
  }
}

interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  output_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  server_tool_use?: { web_search_requests: number };
  service_tier: string;
}

interface SessionContext {
  w: Writer;
  sessionId: string;
  cwd: string;
  lines: string[];
  bytes: number;
  parent: string | null;
  out: GeneratedTranscripts;
  payloadBytes: number;
  replyScale: number;
  traps: boolean;
  /** Replies written in this session (for a later resumed session to copy). */
  replies: string[][];
}

function base(ctx: SessionContext, type: string, time: number, sidechain = false) {
  const uuid = ctx.w.uuid();
  const entry = {
    parentUuid: ctx.parent,
    isSidechain: sidechain,
    userType: 'external',
    cwd: ctx.cwd,
    sessionId: ctx.sessionId,
    version: '2.0.14',
    gitBranch: 'main',
    type,
    uuid,
    timestamp: new Date(time).toISOString(),
  };
  ctx.parent = uuid;
  return entry;
}

function push(ctx: SessionContext, line: string): void {
  ctx.lines.push(line);
  ctx.bytes += Buffer.byteLength(line) + 1;
  ctx.out.lines.total++;
}

function userPrompt(ctx: SessionContext, time: number): void {
  const e = { ...base(ctx, 'user', time), message: { role: 'user', content: ctx.w.text(ctx.w.int(20, 400)) } };
  push(ctx, JSON.stringify(e));
}

function toolResult(ctx: SessionContext, time: number, toolUseId: string, subagentUsage: Usage | null): void {
  const content = ctx.w.text(Math.max(50, Math.round(ctx.payloadBytes * (0.2 + ctx.w.rand() * 1.6))));
  const e: Record<string, unknown> = {
    ...base(ctx, 'user', time),
    message: { role: 'user', content: [{ tool_use_id: toolUseId, type: 'tool_result', content }] },
    toolUseResult: subagentUsage
      ? { status: 'completed', totalDurationMs: 41235, totalTokens: 51234, usage: subagentUsage, content: [{ type: 'text', text: 'done' }] }
      : // Claude Code repeats a Read result's file in toolUseResult: user lines are the bulk of a transcript.
        { type: 'text', file: { filePath: `${ctx.cwd}/src/file.ts`, content, numLines: 120, startLine: 1, totalLines: 120 } },
  };
  push(ctx, JSON.stringify(e));
}

function makeUsage(ctx: SessionContext, model: string, oldStyle: boolean): Usage {
  const w = ctx.w;
  const cacheRead = w.chance(0.9) ? w.int(8_000, 150_000) : 0;
  const oneHour = w.chance(0.85) ? w.int(0, 12_000) : 0;
  const fiveMin = w.chance(0.2) ? w.int(0, 6_000) : 0;
  const usage: Usage = {
    input_tokens: w.int(1, model.includes('haiku') ? 3000 : 60),
    cache_creation_input_tokens: oneHour + fiveMin,
    cache_read_input_tokens: cacheRead,
    output_tokens: w.int(5, 4000),
    service_tier: 'standard',
  };
  if (!oldStyle) usage.cache_creation = { ephemeral_5m_input_tokens: fiveMin, ephemeral_1h_input_tokens: oneHour };
  if (ctx.traps && w.chance(0.02)) usage.server_tool_use = { web_search_requests: w.int(1, 3) };
  return usage;
}

/** One assistant reply: partial copies (sometimes), then one line per content block. */
function reply(ctx: SessionContext, time: number, model: string, sidechain: boolean): { toolUseId: string | null; end: number } {
  const w = ctx.w;
  const messageId = w.id('msg_01');
  const requestId = w.id('req_011C');
  const oldStyle = w.chance(0.1);
  const usage = makeUsage(ctx, model, oldStyle);
  const blocks: Record<string, unknown>[] = [];
  const scaled = (bytes: number) => Math.max(1, Math.round(bytes * ctx.replyScale));
  if (w.chance(0.4)) blocks.push({ type: 'thinking', thinking: w.text(scaled(w.int(100, 1500))), signature: w.id('sig') });
  blocks.push({ type: 'text', text: w.text(scaled(w.int(40, 800))) });
  let toolUseId: string | null = null;
  if (w.chance(0.6)) {
    toolUseId = w.id('toolu_01');
    const input = w.chance(0.2) ? { file_path: `${ctx.cwd}/src/new.ts`, content: w.text(scaled(w.int(500, 6000))) } : { command: 'npm test', description: 'run the tests' };
    blocks.push({ type: 'tool_use', id: toolUseId, name: w.chance(0.2) ? 'Write' : 'Bash', input });
  }
  const written: string[] = [];
  let t = time;
  let finalTime = -1;
  const line = (content: Record<string, unknown>, u: Usage) => {
    const e = {
      ...base(ctx, 'assistant', t, sidechain),
      message: { id: messageId, type: 'message', role: 'assistant', model, content: [content], stop_reason: null, stop_sequence: null, usage: u },
      requestId,
    };
    const s = JSON.stringify(e);
    push(ctx, s);
    written.push(s);
    ctx.out.lines.usage++;
    // The copy kept is the first carrying the full usage: its time is the message's.
    if (finalTime < 0 && u === usage) finalTime = t;
    t += w.int(30, 900);
  };
  // Streaming: copies written while output_tokens was still growing.
  if (ctx.traps && w.chance(0.25)) {
    const partials = w.int(1, 2);
    for (let i = 0; i < partials; i++) {
      line(blocks[0]!, { ...usage, output_tokens: Math.max(1, Math.floor((usage.output_tokens * (i + 1)) / (partials + 2))) });
      ctx.out.lines.partialCopies++;
    }
  }
  for (const block of blocks) line(block, usage);
  if (sidechain) ctx.out.lines.sidechain++;
  ctx.replies.push(written);
  const key = `${requestId}:${messageId}`;
  const split = usage.cache_creation;
  ctx.out.messages.set(key, {
    key,
    time: finalTime,
    model,
    input: usage.input_tokens,
    cacheWrite5m: split ? split.ephemeral_5m_input_tokens : usage.cache_creation_input_tokens,
    cacheWrite1h: split ? split.ephemeral_1h_input_tokens : 0,
    cacheRead: usage.cache_read_input_tokens,
    output: usage.output_tokens,
    webSearches: usage.server_tool_use?.web_search_requests ?? 0,
    sidechain,
    cwd: ctx.cwd,
    sessionId: ctx.sessionId,
  });
  return { toolUseId, end: t };
}

function syntheticReply(ctx: SessionContext, time: number, apiError: boolean): void {
  const zero: Usage = { input_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 0, service_tier: 'standard' };
  const e: Record<string, unknown> = {
    ...base(ctx, 'assistant', time),
    message: {
      id: ctx.w.uuid(),
      model: '<synthetic>',
      role: 'assistant',
      stop_reason: 'stop_sequence',
      stop_sequence: '',
      type: 'message',
      usage: zero,
      content: [{ type: 'text', text: apiError ? 'API Error: 529 {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}' : 'No response requested.' }],
    },
  };
  if (apiError) e.isApiErrorMessage = true;
  push(ctx, JSON.stringify(e));
  if (apiError) ctx.out.lines.apiError++;
  else ctx.out.lines.synthetic++;
}

/** Lines an importer must survive, in turn: a torn write, a log line, a summary, a system line. */
function oddLines(ctx: SessionContext, time: number): void {
  const kind = ctx.w.oddKind++ % 4;
  if (kind === 0) {
    // A torn write: the start of an assistant line, usage key included, never finished.
    const last = ctx.lines.findLast((l) => l.includes('"usage"'));
    push(ctx, last ? last.slice(0, Math.floor(last.length * 0.97)) : '{"type":"assistant","message":{"usage":{"input_tokens":');
    ctx.out.lines.notJson++;
    ctx.out.lines.tornUsage++;
  } else if (kind === 1) {
    push(ctx, 'Error: ENOSPC: no space left on device, write');
    ctx.out.lines.notJson++;
  } else if (kind === 2) {
    push(ctx, JSON.stringify({ type: 'summary', summary: 'Refactor the ledger', leafUuid: ctx.w.uuid() }));
  } else {
    push(ctx, JSON.stringify({ ...base(ctx, 'system', time), content: 'Claude Code hook ran', level: 'info', isMeta: false }));
  }
}

function session(ctx: SessionContext, start: number, turns: number, models: readonly string[], previous: SessionContext | null): void {
  const w = ctx.w;
  let t = start;
  // A resumed session begins with copies of the previous one's replies (same ids and usage).
  if (ctx.traps && previous && previous.replies.length > 0 && w.chance(0.5)) {
    for (const copy of previous.replies.slice(-w.int(1, 4))) {
      // Sometimes only the reply's first line, a partial copy when the reply was streamed: a
      // smaller copy that may well be read after the final one.
      for (const l of w.chance(0.5) ? copy.slice(0, 1) : copy) {
        push(ctx, l);
        ctx.out.lines.resumedCopies++;
        ctx.out.lines.usage++;
      }
    }
  }
  const model = w.pick(models);
  const oddTurn = w.int(0, turns - 1);
  for (let turn = 0; turn < turns; turn++) {
    userPrompt(ctx, t);
    t += w.int(2_000, 20_000);
    const steps = w.int(1, 4);
    for (let s = 0; s < steps; s++) {
      const sidechain = ctx.traps && w.chance(0.1);
      const useModel = sidechain && w.chance(0.5) ? 'claude-haiku-4-5-20251001' : w.chance(0.15) ? w.pick(models) : model;
      const { toolUseId, end } = reply(ctx, t, useModel, sidechain);
      t = end + w.int(500, 5_000);
      if (toolUseId) {
        const subagent = ctx.traps && w.chance(0.05) ? makeUsage(ctx, useModel, false) : null;
        toolResult(ctx, t, toolUseId, subagent);
        t += w.int(200, 3_000);
      }
    }
    if (ctx.traps && w.chance(0.04)) syntheticReply(ctx, t, w.chance(0.5));
    if (ctx.traps && (turn === oddTurn || w.chance(0.03))) oddLines(ctx, t);
    t += w.int(10_000, 600_000);
  }
}

function emptyOutput(projectsDir: string): GeneratedTranscripts {
  return {
    projectsDir,
    files: [],
    bytes: 0,
    messages: new Map(),
    lines: { total: 0, usage: 0, partialCopies: 0, synthetic: 0, apiError: 0, notJson: 0, tornUsage: 0, sidechain: 0, resumedCopies: 0 },
  };
}

function newSession(
  w: Writer,
  sessionId: string,
  cwd: string,
  out: GeneratedTranscripts,
  options: { payloadBytes?: number; replyScale?: number; traps?: boolean },
): SessionContext {
  return { w, sessionId, cwd, lines: [], bytes: 0, parent: null, out, payloadBytes: options.payloadBytes ?? 2500, replyScale: options.replyScale ?? 1, traps: options.traps ?? true, replies: [] };
}

/** Write a folder of transcripts under configDir/projects. */
export function generateTranscripts(configDir: string, options: GeneratorOptions = {}): GeneratedTranscripts {
  const w = new Writer(options.seed ?? 1);
  const projectsDir = path.join(configDir, 'projects');
  const firstDay = Date.parse(`${options.firstDay ?? '2025-10-01'}T00:00:00Z`);
  const days = options.days ?? 30;
  const out = emptyOutput(projectsDir);
  const projects = options.projects ?? 4;
  const sessionsPerProject = options.sessionsPerProject ?? 3;
  const models = GENERATOR_MODELS;
  let round = 0;
  // With maxBytes, keep adding rounds of sessions until the size is reached.
  do {
    for (let p = 0; p < projects; p++) {
      const cwd = options.projectDir?.(p) ?? `/home/dev/work/project-${p}`;
      const dir = path.join(projectsDir, cwd.replace(/[/.]/g, '-'));
      fs.mkdirSync(dir, { recursive: true });
      let previous: SessionContext | null = null;
      for (let s = 0; s < sessionsPerProject; s++) {
        const ctx = newSession(w, w.uuid(), cwd, out, options);
        const start = firstDay + w.int(0, days - 1) * 86_400_000 + w.int(0, 86_399) * 1000;
        session(ctx, start, options.turnsPerSession ?? 30, models, previous);
        const file = path.join(dir, `${ctx.sessionId}.jsonl`);
        fs.writeFileSync(file, ctx.lines.join('\n') + '\n');
        out.files.push(file);
        out.bytes += ctx.bytes;
        previous = ctx;
        if (options.maxBytes !== undefined && out.bytes >= options.maxBytes) return out;
      }
    }
    round++;
  } while (options.maxBytes !== undefined && out.bytes < options.maxBytes && round < 100_000);
  return out;
}

/**
 * Append about `bytes` of new conversation to a session file (a user talking to Claude Code while
 * Tokentally watches). Returns what was appended, as truth.
 */
export function appendToSession(file: string, bytes: number, options: { seed?: number; at: number; payloadBytes?: number; traps?: boolean }): GeneratedTranscripts {
  const w = new Writer(options.seed ?? 7);
  const out = emptyOutput(path.dirname(path.dirname(file)));
  out.files.push(file);
  const ctx = newSession(w, path.basename(file, '.jsonl'), '/home/dev/work/appended', out, options);
  let t = options.at;
  while (ctx.bytes < bytes) {
    session(ctx, t, 1, GENERATOR_MODELS, null);
    t += 60_000;
  }
  fs.appendFileSync(file, ctx.lines.join('\n') + '\n');
  out.bytes = ctx.bytes;
  return out;
}
