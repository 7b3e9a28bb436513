import type { TokenCounts } from '../../../shared/usage.js';

/**
 * What a request may cost at most, in tokens, for the budget gate: input estimated from the body
 * (about 4 characters a token; a base64 image counts like a typical image, not like its text),
 * output = the request's max_tokens (or its OpenAI spellings), else a default.
 */
export interface RequestEstimate {
  model: string | null;
  tokens: Pick<TokenCounts, 'inputTokens' | 'outputTokens'>;
}

const CHARS_PER_TOKEN = 4;
/** A base64 run this long is binary (image, PDF page), billed by its pixels, not by its text. */
const BINARY_RUN = 10_000;
const TOKENS_PER_BINARY = 1_600;
/** When the request does not bound its output (OpenAI may omit max_tokens). */
export const DEFAULT_OUTPUT_ESTIMATE = 4_096;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;

export function estimateRequest(body: Buffer): RequestEstimate {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { model: null, tokens: { inputTokens: Math.ceil(body.length / CHARS_PER_TOKEN), outputTokens: DEFAULT_OUTPUT_ESTIMATE } };
  }
  const request = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  const limit = [request.max_tokens, request.max_completion_tokens, request.max_output_tokens].find(
    (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0,
  );
  return {
    model: typeof request.model === 'string' ? request.model : null,
    tokens: { inputTokens: textTokens(parsed), outputTokens: Math.ceil(limit ?? DEFAULT_OUTPUT_ESTIMATE) },
  };
}

function textTokens(value: unknown): number {
  let chars = 0;
  let binaries = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.length >= BINARY_RUN && BASE64.test(v.slice(0, 200))) binaries++;
      else chars += v.length;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (typeof v === 'object' && v !== null) {
      for (const [k, item] of Object.entries(v)) {
        chars += k.length;
        stack.push(item);
      }
    } else if (v !== null && v !== undefined) {
      chars += String(v).length;
    }
  }
  return Math.ceil(chars / CHARS_PER_TOKEN) + binaries * TOKENS_PER_BINARY;
}

/** The model a request names, read cheaply (first "model": "..." in the body); null when none. */
export function peekModel(body: Buffer): string | null {
  const at = body.indexOf('"model"');
  if (at < 0) return null;
  const window = body.subarray(at, at + 300).toString('utf8');
  const match = /^"model"\s*:\s*"((?:[^"\\]|\\.){1,200})"/.exec(window);
  if (!match) return null;
  try {
    return JSON.parse(`"${match[1]}"`) as string;
  } catch {
    return null;
  }
}
