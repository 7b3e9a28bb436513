/**
 * The shape most providers share: OpenAI's API (Chat Completions, Responses, Embeddings), a
 * bearer key, OpenAI's error shape, and usage in streams only when asked for. Built-in profiles
 * (OpenAI, OpenRouter, DeepSeek) and the user's own providers are made from it.
 */
import { classifyCompatible } from './classify.js';
import { readClientCredentials } from './credentials.js';
import { compatibleErrors } from './error-shapes.js';
import type { KeyAuth, ProviderProfile } from './profile.js';
import { jsonRequestFacts } from './request-facts.js';

const BEARER_AUTH: KeyAuth = { header: 'authorization', scheme: 'Bearer', clientHeaders: ['authorization', 'x-api-key'], queryParam: null };

type Specific = Pick<
  ProviderProfile,
  'id' | 'label' | 'route' | 'defaultUpstream' | 'builtIn' | 'keyPlaceholder' | 'adminKey' | 'keyCheckPath' | 'reports' | 'clientEnv' | 'suggestedModels'
> &
  Partial<Pick<ProviderProfile, 'halfPriceAsync' | 'promptCaching'>>;

export function openAiCompatibleProfile(specific: Specific): ProviderProfile {
  return {
    ...specific,
    keyAuth: BEARER_AUTH,
    ownRequestHeaders: {},
    streamUsageOption: true,
    classify: (method, path) => classifyCompatible(method, path, true),
    requestFacts: (_path, body) => jsonRequestFacts(body),
    errors: compatibleErrors,
    credentials: (header, queryKey) => readClientCredentials(BEARER_AUTH, header, queryKey),
  };
}
