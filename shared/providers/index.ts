/** Provider profiles and their registry: everything Tokentally knows about each provider. */
export type {
  AdminKeyInfo,
  CallKind,
  ClientCredentials,
  ClientEnvVar,
  ErrorShape,
  KeyAuth,
  PolledReports,
  ProviderProfile,
  ProxyAnswer,
  ProxyFailure,
  RequestBody,
  RequestEstimate,
  RequestFacts,
} from './profile.js';
export { BUILT_IN_PROFILES, BUILT_IN_REGISTRY, ProviderRegistry, unknownProvider } from './registry.js';
export { customProfile } from './custom.js';
export { openAiCompatibleProfile } from './openai-compatible.js';
export { ANTHROPIC_ERRORS, GOOGLE_ERRORS, OPENAI_ERRORS } from './error-shapes.js';
export { keyHeader, isPlaceholderKey, readClientCredentials } from './credentials.js';
export { DEFAULT_OUTPUT_ESTIMATE, jsonRequestFacts, estimateFromJson } from './request-facts.js';
export { classifyAnthropic, classifyOpenAi, classifyCompatible, FORWARD as FORWARD_KIND } from './classify.js';
export { providerInfo } from './provider-info.js';
export type { ProviderInfo } from '../api/contract-providers.js';
