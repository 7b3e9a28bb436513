/**
 * Gemini CLI session logs for tests, written the way Gemini CLI writes them. The write sequence
 * and object shapes follow its ChatRecordingService (github.com/google-gemini/gemini-cli,
 * packages/core/src/services/chatRecordingService.ts at 5411f113, 2026-08-21) and GeminiChat
 * (packages/core/src/core/geminiChat.ts: usage flushed with recordMessageTokens, then the reply
 * recorded with recordMessage; completed tool calls added with recordToolCalls):
 * - initialize(): a metadata line {sessionId, projectHash, startTime, lastUpdated, kind};
 * - recordMessage(): the message {id, timestamp, type, content[, thoughts, tokens, model]} and a
 *   {"$set":{"lastUpdated":…}} line; tokens queued before the reply are attached to it;
 * - recordToolCalls(): the last reply appended again, whole, with toolCalls added (same id);
 * - updateMessagesFromHistory(): {"$set":{"messages":[…all…],"lastUpdated":…}};
 * - rewindTo(): {"$rewindTo": id}.
 * Files: <tmp>/<project>/chats/session-<YYYY-MM-DDTHH-MM>-<first 8 of the id>.jsonl, a sub-agent's
 * in chats/<parent session id>/<its id>.jsonl; before v0.39 one pretty-printed JSON object
 * (session-….json), rewritten in place.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface GeminiCallSpec {
  model: string;
  /** promptTokenCount (cached included). */
  input: number;
  cached: number;
  /** candidatesTokenCount. */
  output: number;
  thoughts: number;
  /** toolUsePromptTokenCount. */
  tool?: number;
  /** When the reply is recorded (its message timestamp). */
  at: string;
  /** The call asked for a tool (then the reply is appended again with its toolCalls, and a tool response follows). */
  toolCall?: boolean;
}

type Json = Record<string, unknown>;

/** One session being recorded: call its methods in the order Gemini CLI does, then take `lines`. */
export class GeminiRecorder {
  readonly lines: string[] = [];
  readonly messages: Json[] = [];
  /** Message ids of the replies with usage, in order. */
  readonly replyIds: string[] = [];
  private seq = 0;

  constructor(
    readonly sessionId: string,
    private readonly projectRoot = '/home/dev/app',
  ) {}

  start(at: string, kind: 'main' | 'subagent' = 'main'): this {
    this.push({ sessionId: this.sessionId, projectHash: crypto.createHash('sha256').update(this.projectRoot).digest('hex'), startTime: at, lastUpdated: at, kind, ...(kind === 'subagent' ? { directories: [this.projectRoot] } : {}) });
    return this;
  }

  user(text: string, at: string): this {
    this.record({ id: this.newId(), timestamp: at, type: 'user', content: [{ text }] }, at);
    return this;
  }

  /** A model call that ended: its usage, then its reply (and, for a tool call, the tool's result). */
  call(spec: GeminiCallSpec): this {
    const id = this.newId();
    const tokens = { input: spec.input, output: spec.output, cached: spec.cached, thoughts: spec.thoughts, tool: spec.tool ?? 0, total: spec.input + spec.output + spec.thoughts + (spec.tool ?? 0) };
    const reply: Json = {
      id,
      timestamp: spec.at,
      type: 'gemini',
      content: spec.toolCall ? '' : 'Done — the tests pass now. ✓',
      thoughts: [{ subject: 'Reading the failing test', description: 'The assertion compares “ünïcode” strings.', timestamp: spec.at }],
      tokens,
      model: spec.model,
    };
    this.replyIds.push(id);
    this.record(reply, spec.at);
    if (spec.toolCall) {
      const callId = `run_shell_command_${this.seq}`;
      const result = [{ functionResponse: { id: callId, name: 'run_shell_command', response: { output: 'PASS  test/app.test.ts\n' } } }];
      reply.toolCalls = [
        { id: callId, name: 'run_shell_command', args: { command: 'npm test' }, result, status: 'success', timestamp: spec.at, displayName: 'Shell', description: 'Runs a shell command', renderOutputAsMarkdown: false },
      ];
      this.push(reply); // recordToolCalls: the same reply, whole, again
      this.record({ id: this.newId(), timestamp: spec.at, type: 'user', content: result }, spec.at);
    }
    return this;
  }

  /** A reply the CLI makes up itself (no model call, no usage). */
  synthetic(at: string): this {
    this.record({ id: this.newId(), timestamp: at, type: 'gemini', content: [{ text: 'Binary content received. Proceeding with analysis.', thought: true }], thoughts: [], tokens: null }, at);
    return this;
  }

  /** updateMessagesFromHistory after a compression or masking: the whole conversation again. */
  historySync(at: string): this {
    this.push({ $set: { messages: this.messages, lastUpdated: at } });
    return this;
  }

  rewindTo(id: string): this {
    this.push({ $rewindTo: id });
    return this;
  }

  /** The session as a legacy (before v0.39) file: one pretty-printed object. */
  legacyText(startTime: string): string {
    const lastUpdated = String(this.messages.at(-1)?.timestamp ?? startTime);
    return JSON.stringify({ sessionId: this.sessionId, projectHash: crypto.createHash('sha256').update(this.projectRoot).digest('hex'), startTime, lastUpdated, messages: this.messages }, null, 2);
  }

  private record(message: Json, at: string): void {
    this.messages.push(message);
    this.push(message);
    this.push({ $set: { lastUpdated: at } });
  }

  private push(o: Json): void {
    this.lines.push(JSON.stringify(o));
  }

  private newId(): string {
    this.seq++;
    return crypto.randomUUID();
  }
}

/** The lines of a main session of these calls, each after a user prompt. */
export function geminiSessionLines(sessionId: string, calls: readonly GeminiCallSpec[]): GeminiRecorder {
  const r = new GeminiRecorder(sessionId).start(calls[0]?.at ?? '2026-11-20T10:00:00.000Z');
  for (const c of calls) r.user('fix the failing test', c.at).call(c);
  return r;
}

/** Where Gemini CLI puts a main session started at `at` in a project folder. */
export function geminiSessionPath(tmp: string, project: string, sessionId: string, at: string, ext: '.jsonl' | '.json' = '.jsonl'): string {
  const stamp = new Date(at).toISOString().slice(0, 16).replace(/:/g, '-');
  return path.join(tmp, project, 'chats', `session-${stamp}-${sessionId.slice(0, 8)}${ext}`);
}

/** Where a sub-agent's session goes: beside its parent's, in a folder named by the parent's id. */
export function geminiSubagentPath(tmp: string, project: string, parentSessionId: string, sessionId: string): string {
  return path.join(tmp, project, 'chats', parentSessionId, `${sessionId}.jsonl`);
}

/** Gemini CLI's other files in a project folder (not sessions): they must be left alone. */
export function writeProjectClutter(tmp: string, project: string): void {
  const dir = path.join(tmp, project);
  fs.mkdirSync(path.join(dir, 'tool-outputs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'logs.json'), JSON.stringify([{ sessionId: 'x', messageId: 0, type: 'user', message: 'hi', timestamp: '2026-11-20T10:00:00.000Z' }]));
  fs.writeFileSync(path.join(dir, 'checkpoint-before-refactor.json'), JSON.stringify([{ role: 'model', parts: [{ text: 'x' }] }]));
  fs.writeFileSync(path.join(dir, 'tool-outputs', 'run_shell_command_1.txt'), 'output');
  fs.writeFileSync(path.join(dir, '.project_root'), '/home/dev/app');
}
