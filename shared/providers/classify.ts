/**
 * What a call is, from its method and its path below the route. Matching is by path suffix, so
 * OpenAI-compatible providers with their own prefix (/v1beta/openai/chat/completions,
 * /api/v1/chat/completions, DeepSeek's /anthropic/v1/messages) are read like the original.
 */
import { USAGE_PARSERS, type WireFormat } from '../usage-parse/tap.js';
import type { CallKind } from './profile.js';

const FORWARD: CallKind = Object.freeze({ kind: 'forward' });
const BATCH_RESULTS = /\/messages\/batches\/([^/]+)\/results$/;
const BATCH_ONE = /\/messages\/batches\/[^/]+(?:\/cancel)?$/;
/** OpenAI Files: a Batch's output_file_id is read here (platform.openai.com/docs/guides/batch, checked 2026-12-07). */
const FILE_CONTENT = /\/files\/([^/]+)\/content$/;

function usage(format: WireFormat, addIncludeUsage = false, free = false): CallKind {
  return Object.freeze({ kind: 'usage', parser: USAGE_PARSERS[format], addIncludeUsage, free });
}

const ANTHROPIC_MESSAGES = usage('anthropic-messages');
const ANTHROPIC_COUNT = usage('anthropic-count-tokens', false, true);
const OPENAI_RESPONSES = usage('openai-responses');
const OPENAI_EMBEDDINGS = usage('openai-embeddings');
const CHAT = { plain: usage('openai-chat'), withUsage: usage('openai-chat', true) };
const COMPLETIONS = { plain: usage('openai-completions'), withUsage: usage('openai-completions', true) };

function trimmed(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** Anthropic's Messages API: messages, count_tokens, Message Batches. */
export function classifyAnthropic(method: string, path: string): CallKind | null {
  const p = trimmed(path);
  if (method === 'POST') {
    if (p.endsWith('/messages/count_tokens')) return ANTHROPIC_COUNT;
    if (p.endsWith('/messages/batches')) return { kind: 'batch-create' };
    if (BATCH_ONE.test(p)) return { kind: 'batch-object' };
    if (p.endsWith('/messages')) return ANTHROPIC_MESSAGES;
    return null;
  }
  if (method === 'GET') {
    const results = BATCH_RESULTS.exec(p);
    if (results) return { kind: 'batch-results', batchId: safeDecode(results[1]!) };
    if (BATCH_ONE.test(p) || p.endsWith('/messages/batches')) return { kind: 'batch-object' };
  }
  return null;
}

/**
 * OpenAI's APIs and their compatibles: Chat Completions, Responses, Embeddings, legacy Completions,
 * and a file's content (a Batch's output file gives one row per succeeded request).
 */
export function classifyOpenAi(method: string, path: string, streamUsageOption: boolean): CallKind | null {
  const p = trimmed(path);
  if (method === 'GET') {
    const file = FILE_CONTENT.exec(p);
    return file ? { kind: 'batch-results', batchId: safeDecode(file[1]!), file: true } : null;
  }
  if (method !== 'POST') return null;
  if (p.endsWith('/chat/completions')) return streamUsageOption ? CHAT.withUsage : CHAT.plain;
  if (p.endsWith('/responses')) return OPENAI_RESPONSES;
  if (p.endsWith('/embeddings')) return OPENAI_EMBEDDINGS;
  if (p.endsWith('/completions')) return streamUsageOption ? COMPLETIONS.withUsage : COMPLETIONS.plain;
  return null;
}

/** Anthropic-shaped first (a gateway serving both), then OpenAI-shaped, else forwarded untouched. */
export function classifyCompatible(method: string, path: string, streamUsageOption: boolean): CallKind {
  return classifyAnthropic(method, path) ?? classifyOpenAi(method, path, streamUsageOption) ?? FORWARD;
}

export { FORWARD };

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
