/** The logging proxy. Wiring: resolveUpstreams → createProxyHandler → startLoopbackServer; stopProxy on shutdown. */
export { createProxyHandler, type ProxyHandler, type ProxyDeps } from './proxy-handler.js';
export { resolveProviders, resolveUpstreams, upstreamEnvName, type ResolvedProviders } from './upstreams.js';
export { createHardCapGate, OPEN_GATE, type BudgetGate, type GateDecision, type GateRequest, type HardCapGateOptions } from './budget-gate.js';
export { createBodyStore, type BodyStore } from './body-store.js';
export { stopProxy } from './shutdown.js';
export { tagFromUserAgent } from './user-agent-tag.js';
export type { StoredBodies } from './stored-bodies.js';
export type { PriceFn } from './call-record.js';
