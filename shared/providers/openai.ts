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
});
