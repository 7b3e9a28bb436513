/**
 * Google's Gemini API (generativelanguage.googleapis.com), as documented at
 * https://ai.google.dev/api (checked 2026-12-07):
 * - `POST /v1beta/models/{model}:generateContent` answers one JSON body;
 *   `:streamGenerateContent` streams SSE with `?alt=sse`, otherwise a JSON array of the same
 *   objects; `:countTokens` is free (forwarded, not logged);
 * - the key goes in `x-goog-api-key` (or `?key=`; never stored or shown);
 * - an OpenAI-compatible API lives under /v1beta/openai/ (Chat Completions, Embeddings).
 * @google/genai and Gemini CLI read GOOGLE_GEMINI_BASE_URL for the API's base URL.
 */
import { USAGE_PARSERS } from '../usage-parse/tap.js';
import { classifyOpenAi, FORWARD } from './classify.js';
import { readClientCredentials } from './credentials.js';
import { GOOGLE_ERRORS, OPENAI_ERRORS } from './error-shapes.js';
import type { CallKind, KeyAuth, ProviderProfile } from './profile.js';
import { estimateFromJson, jsonRequestFacts } from './request-facts.js';

const AUTH: KeyAuth = { header: 'x-goog-api-key', scheme: null, clientHeaders: ['x-goog-api-key', 'authorization'], queryParam: 'key' };

/** …/models/<model>:<method> (also tunedModels/); the model may be percent-encoded by a client. */
const MODEL_METHOD = /\/(?:tuned)?[mM]odels\/([^/:]+):([A-Za-z]+)$/;

const GENERATE: CallKind = Object.freeze({ kind: 'usage', parser: USAGE_PARSERS['gemini-generate'], addIncludeUsage: false, free: false });

function nativeCall(path: string): { model: string; method: string } | null {
  const m = MODEL_METHOD.exec(path);
  if (!m) return null;
  let model = m[1]!;
  try {
    model = decodeURIComponent(model);
  } catch {
    // Kept as sent.
  }
  return { model, method: m[2]! };
}

export const geminiProfile: ProviderProfile = {
  id: 'gemini',
  label: 'Google Gemini',
  route: 'gemini',
  defaultUpstream: 'https://generativelanguage.googleapis.com',
  builtIn: true,
  keyAuth: AUTH,
  keyPlaceholder: 'AIza…',
  adminKey: null,
  keyCheckPath: '/v1beta/models',
  ownRequestHeaders: {},
  // Gemini API keys have no usage or cost report of their own (spend shows in Cloud Billing only).
  reports: null,
  clientEnv: [{ name: 'GOOGLE_GEMINI_BASE_URL', path: '', usedBy: '@google/genai and Gemini CLI' }],
  suggestedModels: ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-2.5-flash-lite', 'gemini-3-pro-preview'],
  streamUsageOption: true,
  // Checked 2026-12-07: Batch Mode at 50% of the standard rate, results within 24 hours
  // (developers.googleblog.com/scale-your-ai-workloads-batch-mode-gemini-api, 2025-07-07); implicit caching of
  // repeated prefixes and explicit context caching (ai.google.dev/gemini-api/docs/caching).
  halfPriceAsync: 'Batch Mode (batches.create): 50% of the standard rate, results within 24 hours',
  promptCaching: 'put the fixed part of the prompt first (implicit caching), or create a context cache for it (cachedContents)',
  classify(method, path) {
    const native = nativeCall(path);
    if (native) {
      if (method !== 'POST') return FORWARD;
      return native.method === 'generateContent' || native.method === 'streamGenerateContent' ? GENERATE : FORWARD;
    }
    return classifyOpenAi(method, path, true) ?? FORWARD;
  },
  requestFacts(path, body) {
    const native = nativeCall(path);
    if (!native) return jsonRequestFacts(body);
    return { model: native.model, stream: native.method === 'streamGenerateContent', estimate: () => estimateFromJson(body) };
  },
  errors: (path) => (nativeCall(path) !== null || !path.includes('/openai/') ? GOOGLE_ERRORS : OPENAI_ERRORS),
  credentials: (header, queryKey) => readClientCredentials(AUTH, header, queryKey),
};
