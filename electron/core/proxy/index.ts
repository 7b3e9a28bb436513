/** The logging proxy. Wiring: resolveUpstreams → createProxyHandler → startLoopbackServer; stopProxy on shutdown. */
export { createProxyHandler } from './proxy-handler.js';
export { resolveProviders, type ResolvedProviders } from './upstreams.js';
export { createHardCapGate, type GateDecision } from './budget-gate.js';
export { stopProxy } from './shutdown.js';
