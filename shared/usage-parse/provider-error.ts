import { asObject, text, type JsonObject } from './json-fields.js';

export interface ProviderError {
  type: string;
  message: string;
}

/**
 * The error a provider body or event carries, in any of the shapes seen in the wild:
 *   Anthropic  {"type":"error","error":{"type":"overloaded_error","message":"…"}}
 *   OpenAI     {"error":{"message":"…","type":"invalid_request_error","code":"…"}}
 *   OpenRouter {"error":{"code":429,"message":"…"}}
 *   Responses  {"type":"error","code":"…","message":"…"} (stream event) or a response with error {code,message}
 *   gateways   {"error":"Unauthorized"}
 * Returns null when there is no error (e.g. a Responses object's `"error": null`).
 */
export function providerError(body: JsonObject): ProviderError | null {
  const nested = asObject(body.error);
  if (nested) {
    return {
      type: text(nested.type) ?? scalarText(nested.code) ?? 'error',
      message: text(nested.message) ?? '',
    };
  }
  if (typeof body.error === 'string' && body.error.length > 0) return { type: 'error', message: body.error };
  if (body.type === 'error') {
    return { type: scalarText(body.code) ?? 'error', message: text(body.message) ?? '' };
  }
  return null;
}

function scalarText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return text(value);
}
