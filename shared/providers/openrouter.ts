import { openAiCompatibleProfile } from './openai-compatible.js';

export const openRouterProfile = openAiCompatibleProfile({
  id: 'openrouter',
  label: 'OpenRouter',
  route: 'openrouter',
  // OpenRouter's OpenAI-compatible API is at https://openrouter.ai/api/v1 (openrouter.ai/docs, checked 2026-12-07).
  defaultUpstream: 'https://openrouter.ai/api',
  builtIn: true,
  keyPlaceholder: 'sk-or-v1-…',
  adminKey: { label: 'Management key', prefix: null, note: "reads the account's credits" },
  keyCheckPath: '/v1/key',
  // The key's own usage and limit with the API key; the account's credits need a management key (stored as --admin).
  reports: { reads: "the key's usage and limit, and the account's credits", keyKind: 'api', fallbackKind: 'admin' },
  suggestedModels: ['anthropic/claude-sonnet-4.5', 'openai/gpt-5', 'google/gemini-2.5-pro', 'deepseek/deepseek-chat'],
  clientEnv: [{ name: 'OPENAI_BASE_URL', path: '/v1', usedBy: 'OpenAI SDKs pointed at OpenRouter' }],
});
