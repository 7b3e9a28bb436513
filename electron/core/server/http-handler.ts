import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * One feature served on the loopback port (the proxy, the UI API, static files). It answers true
 * when it took the request; the server tries handlers in order and answers 404 when none did.
 * A handler that works on the raw `req.url` sets `readsUrl: false`, so the server skips parsing a
 * URL for it (the proxy's hot path) and hands it a placeholder instead.
 */
export type HttpHandler = ((req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>) & {
  readonly readsUrl?: boolean;
};
