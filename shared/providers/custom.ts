import type { CustomProvider } from '../api/contract.js';
import { openAiCompatibleProfile } from './openai-compatible.js';
import type { ProviderProfile } from './profile.js';

/** A provider the user added in Settings (Groq, Mistral, Ollama, LM Studio, …): OpenAI-compatible, at /p/<name>/. */
export function customProfile(custom: Pick<CustomProvider, 'name'>): ProviderProfile {
  return openAiCompatibleProfile({
    id: custom.name,
    label: custom.name,
    route: `p/${custom.name}`,
    defaultUpstream: null,
    builtIn: false,
    keyPlaceholder: 'the provider’s API key',
    adminKey: null,
    keyCheckPath: '/models',
    reports: null,
    suggestedModels: [],
    clientEnv: [{ name: 'OPENAI_BASE_URL', path: '', usedBy: 'OpenAI SDKs and compatible tools' }],
  });
}
