import { openAiCompatibleProfile } from './openai-compatible.js';

export const openAiProfile = openAiCompatibleProfile({
  id: 'openai',
  label: 'OpenAI',
  route: 'openai',
  defaultUpstream: 'https://api.openai.com',
  builtIn: true,
  keyPlaceholder: 'sk-…',
  adminKey: { label: 'Admin key', prefix: 'sk-admin-', note: null },
  keyCheckPath: '/v1/models',
  reports: { reads: 'completions usage and costs (organization Admin API)', keyKind: 'admin', fallbackKind: null },
  suggestedModels: ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini'],
  clientEnv: [{ name: 'OPENAI_BASE_URL', path: '/v1', usedBy: 'OpenAI SDKs, Codex and compatible tools' }],
  // Checked 2026-12-07: Batch API at 50% (platform.openai.com/docs/guides/batch); service_tier "flex" billed at
  // Batch rates on the same endpoints (developers.openai.com/api/docs/guides/flex-processing); prompts of
  // 1,024 tokens or more are cached automatically when their prefix repeats exactly (platform.openai.com/docs/guides/prompt-caching).
  halfPriceAsync: 'the Batch API (results within 24 hours), or service_tier: "flex" on the same endpoint where the model offers it: Batch rates',
  promptCaching:
    'put the fixed part of the prompt (instructions, tools, documents) first and the changing part last: prompts of 1,024+ tokens are cached automatically when their beginning repeats exactly',
});
