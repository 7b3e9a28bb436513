/**
 * Facts read from a JSON request body: the model, whether it streams, and the most it may cost
 * (input estimated from the body: about 4 characters a token, a base64 image like a typical
 * image; output = the request's cap in any of its spellings, else a default).
 */
import type { RequestBody, RequestEstimate, RequestFacts } from './profile.js';

const CHARS_PER_TOKEN = 4;
/** A base64 run this long is binary (image, PDF page), billed by its pixels, not by its text. */
const BINARY_RUN = 10_000;
const TOKENS_PER_BINARY = 1_600;
/** When the request does not bound its output (OpenAI may omit max_tokens). */
const DEFAULT_OUTPUT_ESTIMATE = 4_096;
const BASE64 = /^[A-Za-z0-9+/=\s]+$/;
/** Where output caps are written: Anthropic, OpenAI Chat (old and new), Responses, Gemini's generationConfig. */
const CAP_FIELDS = ['max_tokens', 'max_completion_tokens', 'max_output_tokens', 'maxOutputTokens'] as const;

/** Facts of a body in the OpenAI / Anthropic style: `model` and `stream` members. */
export function jsonRequestFacts(body: RequestBody): RequestFacts {
  return {
    model: body.peekString('model'),
    stream: body.peekTrue('stream'),
    estimate: () => estimateFromJson(body),
  };
}

export function estimateFromJson(body: RequestBody): RequestEstimate {
  const parsed = body.json();
  if (parsed === undefined) return { inputTokens: Math.ceil(body.length / CHARS_PER_TOKEN), outputTokens: DEFAULT_OUTPUT_ESTIMATE };
  return { inputTokens: textTokens(parsed), outputTokens: outputCap(parsed) ?? DEFAULT_OUTPUT_ESTIMATE };
}

/** The output cap a request sets, at its top level or in Gemini's generationConfig. */
function outputCap(parsed: unknown): number | null {
  const request = asRecord(parsed);
  if (!request) return null;
  for (const holder of [request, asRecord(request.generationConfig) ?? {}]) {
    for (const field of CAP_FIELDS) {
      const v = holder[field];
      if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.ceil(v);
    }
  }
  return null;
}

function asRecord(v: unknown): Record<string, unknown> | null {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
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
