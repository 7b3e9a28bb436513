/**
 * Who pays for the calls in Gemini CLI's logs. The logs do not say which login made them, and
 * the login decides (Gemini CLI docs, get-started/authentication, read 2026-12-07; AuthType in
 * packages/core/src/core/contentGenerator.ts at 5411f113):
 * - "Sign in with Google" (oauth-personal): the free tier (Gemini Code Assist for individuals),
 *   or a Google AI Pro/Ultra or Code Assist Standard/Enterprise plan. Not billed per token.
 * - A Gemini API key (gemini-api-key), Vertex AI (vertex-ai), a gateway (GOOGLE_GEMINI_BASE_URL):
 *   billed per token to that key or project (unless on the API's own free tier).
 * Sign-in with Google is the login Gemini CLI recommends to most users, and recording as spend
 * what may be free would trip budgets and the hard cap for nothing; so by default the calls are
 * usage priced at API rates and not spend ('subscription': counted for a plan only if the user
 * adds one for the provider gemini). TOKENTALLY_GEMINI_BILLING=api says they were billed to an
 * API key; TOKENTALLY_NO_GEMINI_IMPORT=1 (core.ts) leaves them to the proxy's /gemini route.
 */
import type { BillingMode } from '../../../../shared/usage.js';

const GEMINI_BILLING_ENV = 'TOKENTALLY_GEMINI_BILLING';

const CHOICES: readonly BillingMode[] = ['subscription', 'api'];

/** The billing of imported Gemini CLI calls; `problem` says why a value set was not used. */
export function geminiBillingFrom(env: NodeJS.ProcessEnv): { billing: BillingMode; problem: string | null } {
  const raw = env[GEMINI_BILLING_ENV]?.trim().toLowerCase() ?? '';
  if (raw === '') return { billing: 'subscription', problem: null };
  const chosen = CHOICES.find((c) => c === raw);
  if (chosen) return { billing: chosen, problem: null };
  return {
    billing: 'subscription',
    problem: `${GEMINI_BILLING_ENV} must be "api" (Gemini CLI runs with an API key or Vertex AI) or "subscription" (signed in with Google), got ${JSON.stringify(env[GEMINI_BILLING_ENV])}`,
  };
}
