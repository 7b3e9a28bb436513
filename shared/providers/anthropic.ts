import { classifyAnthropic, FORWARD } from './classify.js';
import { readClientCredentials } from './credentials.js';
import { ANTHROPIC_ERRORS } from './error-shapes.js';
import type { KeyAuth, ProviderProfile } from './profile.js';
import { jsonRequestFacts } from './request-facts.js';

/** Claude Code logged in with a Pro/Max account sends its OAuth access token as a bearer token. */
const OAUTH_BEARER = /^bearer\s+sk-ant-oat/i;

const AUTH: KeyAuth = { header: 'x-api-key', scheme: null, clientHeaders: ['x-api-key', 'authorization'], queryParam: null };

/**
 * A call is billed to the subscription only when the OAuth token is the credential Anthropic
 * bills. With a real `x-api-key` beside it the key may be billed, so the call is treated as API
 * spend and the hard cap applies ("when in doubt, gate it").
 *
 * Checked 2026-12-07: Anthropic documents `x-api-key` as the credential of every API request
 * (https://docs.anthropic.com/en/api/overview, "Authentication") and says nothing of which one
 * counts when a bearer token comes with it. Both do arrive together: the SDKs send both when both
 * are configured (e.g. ANTHROPIC_AUTH_TOKEN in the environment beside an explicit key,
 * anthropics/anthropic-sdk-csharp#47), and Claude Code itself only warns "Auth conflict: Both a
 * token (claude.ai) and an API key (ANTHROPIC_API_KEY) are set. This may lead to unexpected
 * behavior" (anthropics/claude-code#9515, #30781). No source says the subscription wins, so a
 * real key beside the token is API spend.
 */
function billedToSubscription(header: (name: string) => string | undefined): boolean {
  const auth = header('authorization');
  if (auth === undefined || !OAUTH_BEARER.test(auth)) return false;
  const apiKey = header('x-api-key');
  return apiKey === undefined || readClientCredentials(AUTH, (n) => (n === 'x-api-key' ? apiKey : undefined), null).billedKey === null;
}

export const anthropicProfile: ProviderProfile = {
  id: 'anthropic',
  label: 'Anthropic',
  route: 'anthropic',
  defaultUpstream: 'https://api.anthropic.com',
  builtIn: true,
  keyAuth: AUTH,
  keyPlaceholder: 'sk-ant-…',
  adminKey: { label: 'Admin key', prefix: 'sk-ant-admin', note: 'individual accounts have no usage API — it needs an organization admin key' },
  keyCheckPath: '/v1/models',
  // https://docs.anthropic.com/en/api/versioning (checked 2026-12-07): still the current version.
  ownRequestHeaders: { 'anthropic-version': '2023-06-01' },
  reports: { reads: 'usage and cost reports (Admin API)', keyKind: 'admin', fallbackKind: null },
  clientEnv: [{ name: 'ANTHROPIC_BASE_URL', path: '', usedBy: 'Claude Code, Anthropic SDKs' }],
  suggestedModels: ['claude-opus-4-5', 'claude-opus-4-1', 'claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-haiku-4-5', 'claude-3-5-haiku-latest'],
  streamUsageOption: false,
  // Checked 2026-12-07: Message Batches at 50% of standard prices, results within 24 h (platform.claude.com/docs/en/build-with-claude/batch-processing); prompt caching
  // with cache_control, either one top-level field (automatic caching) or on the fixed blocks, 5-minute
  // TTL refreshed on each hit or "ttl": "1h" (platform.claude.com/docs/en/build-with-claude/prompt-caching).
  halfPriceAsync: 'the Message Batches API (POST /v1/messages/batches): 50% of the token price, results within 24 hours',
  promptCaching: 'add cache_control: {"type": "ephemeral"} at the top level of the request (automatic caching) or on the last block of the fixed prefix',
  classify: (method, path) => classifyAnthropic(method, path) ?? FORWARD,
  requestFacts: (_path, body) => jsonRequestFacts(body),
  errors: () => ANTHROPIC_ERRORS,
  credentials: (header, queryKey) => readClientCredentials(AUTH, header, queryKey, billedToSubscription),
};
