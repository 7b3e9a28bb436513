import http from 'node:http';
import https from 'node:https';

export interface UpstreamAgents {
  for(url: URL): http.Agent;
  destroy(): void;
}

/**
 * Keep-alive connection pools to the providers: a warm TLS connection saves a handshake (tens of
 * ms to a remote API) on every call. Idle sockets are dropped after a few seconds, below the idle
 * limits providers and CDNs use, so a reused socket is rarely one the far side is closing.
 */
export function createUpstreamAgents(): UpstreamAgents {
  const options = { keepAlive: true, keepAliveMsecs: 15_000, maxSockets: 512, maxFreeSockets: 128, scheduling: 'lifo' as const, timeout: 4_000 };
  const plain = new http.Agent(options);
  const tls = new https.Agent(options);
  return {
    for: (url) => (url.protocol === 'https:' ? tls : plain),
    destroy() {
      plain.destroy();
      tls.destroy();
    },
  };
}
