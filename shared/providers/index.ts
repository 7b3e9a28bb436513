/** Provider profiles and their registry: everything Tokentally knows about each provider. */
export type {
  CallKind,
  ErrorShape,
  ProviderProfile,
  ProxyAnswer,
  ProxyFailure,
  RequestBody,
  RequestFacts,
} from './profile.js';
export { BUILT_IN_PROFILES, BUILT_IN_REGISTRY, ProviderRegistry, unknownProvider } from './registry.js';
export { OPENAI_ERRORS } from './error-shapes.js';
export { keyHeader } from './credentials.js';
export { jsonRequestFacts, estimateFromJson } from './request-facts.js';
export { classifyCompatible, FORWARD as FORWARD_KIND } from './classify.js';
export { providerInfo } from './provider-info.js';
