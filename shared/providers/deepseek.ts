import { openAiCompatibleProfile } from './openai-compatible.js';

export const deepSeekProfile = openAiCompatibleProfile({
  id: 'deepseek',
  label: 'DeepSeek',
  route: 'deepseek',
  // https://api-docs.deepseek.com (checked 2026-12-07): base_url https://api.deepseek.com (or …/v1);
  // the Anthropic-compatible API is at https://api.deepseek.com/anthropic.
  defaultUpstream: 'https://api.deepseek.com',
  builtIn: true,
  keyPlaceholder: 'sk-…',
  adminKey: null,
  keyCheckPath: '/models',
  // A key stored in the admin slot by mistake is used too (DeepSeek has one kind of key).
  reports: { reads: 'the account balance', keyKind: 'api', fallbackKind: 'admin' },
  suggestedModels: ['deepseek-chat', 'deepseek-reasoner'],
  clientEnv: [
    { name: 'OPENAI_BASE_URL', path: '', usedBy: 'OpenAI SDKs pointed at DeepSeek' },
    { name: 'ANTHROPIC_BASE_URL', path: '/anthropic', usedBy: "Claude Code on DeepSeek's Anthropic API" },
  ],
});
