/**
 * What the proxy does with a call besides forwarding it, from its method and upstream path.
 * Matching is by path suffix, so OpenAI-compatible providers with their own prefix
 * (/v1beta/openai/chat/completions, /api/v1/chat/completions) are read like OpenAI.
 */
import type { WireFormat } from '../../../shared/usage-parse/index.js';

export type CallKind =
  /** A call that spends tokens: its response is tapped and logged. */
  | { kind: 'usage'; format: WireFormat }
  /** Creating a Message Batch spends money later; the budget gate sees it, nothing is logged now. */
  | { kind: 'batch-create' }
  /** A batch object (retrieve, list, cancel): its results_url is pointed back through the proxy. */
  | { kind: 'batch-object' }
  /** Batch results (JSONL): each succeeded line is logged once, at batch rates. */
  | { kind: 'batch-results'; batchId: string }
  /** Anything else (models list, files, ...): forwarded untouched, not logged. */
  | { kind: 'forward' };

const FORWARD: CallKind = { kind: 'forward' };
const BATCH_RESULTS = /\/messages\/batches\/([^/]+)\/results$/;
const BATCH_ONE = /\/messages\/batches\/[^/]+(?:\/cancel)?$/;

export function classifyCall(method: string, path: string): CallKind {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (method === 'POST') {
    if (p.endsWith('/messages/count_tokens')) return { kind: 'usage', format: 'anthropic-count-tokens' };
    if (p.endsWith('/messages/batches')) return { kind: 'batch-create' };
    if (BATCH_ONE.test(p)) return { kind: 'batch-object' };
    if (p.endsWith('/messages')) return { kind: 'usage', format: 'anthropic-messages' };
    if (p.endsWith('/chat/completions')) return { kind: 'usage', format: 'openai-chat' };
    if (p.endsWith('/responses')) return { kind: 'usage', format: 'openai-responses' };
    if (p.endsWith('/embeddings')) return { kind: 'usage', format: 'openai-embeddings' };
    if (p.endsWith('/completions')) return { kind: 'usage', format: 'openai-completions' };
    return FORWARD;
  }
  if (method === 'GET') {
    const results = BATCH_RESULTS.exec(p);
    if (results) return { kind: 'batch-results', batchId: safeDecode(results[1]!) };
    if (BATCH_ONE.test(p) || p.endsWith('/messages/batches')) return { kind: 'batch-object' };
  }
  return FORWARD;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
