import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HttpHandler } from './http-handler.js';
import { isLoopbackHost } from './loopback-host.js';
import { errorMessage } from '../../../shared/error-message.js';
import { BUILT_IN_REGISTRY } from '../../../shared/providers/index.js';

export type { HttpHandler } from './http-handler.js';

export interface LoopbackServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Must be a loopback address; the server never listens on other interfaces. */
  host?: string;
  handlers: HttpHandler[];
  log: (line: string) => void;
}

export interface LoopbackServer {
  port: number;
  /** e.g. http://127.0.0.1:8787 */
  url: string;
  /**
   * Stop accepting connections, let requests in flight finish for up to graceMs (default 10 s),
   * then cut what is left. Resolves once every connection is closed. Safe to call twice.
   */
  close(graceMs?: number): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} is in use; pass --port N or set the proxy port in Settings`);
    this.name = 'PortInUseError';
  }
}

// Clients (undici, the SDKs) keep idle sockets a few seconds; the server must keep them longer, or
// a request sent on a socket the server is closing at that moment fails with ECONNRESET.
const KEEP_ALIVE_MS = 65_000;
const DEFAULT_GRACE_MS = 10_000;
/** Every built-in route, from the provider registry (it listed three of five), and custom providers'. */
const NOT_FOUND_TEXT = `Nothing here. Proxy routes start with ${BUILT_IN_REGISTRY.all()
  .map((p) => `/${p.route}/`)
  .join(', ')} or /p/<name>/.\n`;

export function startLoopbackServer(options: LoopbackServerOptions): Promise<LoopbackServer> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host)) {
    return Promise.reject(new Error(`refusing to listen on ${host}: the proxy only listens on loopback addresses`));
  }
  const { handlers, log } = options;
  let closing = false;
  let active = 0;

  const server = http.createServer({ noDelay: true, keepAlive: true, keepAliveInitialDelay: 30_000 }, (req, res) => {
    active++;
    res.once('close', () => {
      active--;
      if (closing) server.closeIdleConnections();
    });
    if (closing) res.shouldKeepAlive = false;
    void route(req, res);
  });
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  // A streamed answer may stay silent for minutes while a model thinks: no socket inactivity timeout.
  server.timeout = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });

  // Clients send the same Host on every call: the last one accepted is not checked again.
  let acceptedHost: string | null = null;

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // Node keeps the first of two Host headers; a server or proxy further on may read the other.
    if (repeatsHost(req.rawHeaders)) {
      sendPlain(res, 400, 'More than one Host header: refused.\n');
      return;
    }
    const hostHeader = req.headers.host;
    if (hostHeader === undefined || hostHeader !== acceptedHost) {
      if (!isLoopbackHost(hostHeader)) {
        sendPlain(res, 403, 'Tokentally only answers requests addressed to localhost or 127.0.0.1.\n');
        return;
      }
      acceptedHost = hostHeader!;
    }
    const target = req.url ?? '/';
    let url: URL | null = null;
    // A path-only target always parses against a valid base: its URL is only built when a handler reads it.
    if (!isPathOnly(target)) {
      try {
        url = new URL(target, `http://${hostHeader}`);
      } catch {
        sendPlain(res, 400, 'Bad request URL.\n');
        return;
      }
    }
    try {
      for (const handler of handlers) {
        if (url === null && readsUrl(handler)) url = new URL(target, `http://${hostHeader}`);
        const taken = handler(req, res, url ?? UNREAD_URL);
        if (taken === true || (taken !== false && (await taken))) return;
      }
      sendPlain(res, 404, NOT_FOUND_TEXT);
    } catch (err) {
      log(`loopback server: ${req.method} ${(url ?? new URL(target, `http://${hostHeader}`)).pathname} failed: ${errorMessage(err)}`);
      if (!res.headersSent) sendPlain(res, 500, 'Internal error in Tokentally.\n');
      else res.destroy();
    }
  }

  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new PortInUseError(options.port));
      else if (err.code === 'EACCES') reject(new Error(`not allowed to listen on port ${options.port}; pick a port above 1024`));
      else reject(new Error(`cannot listen on ${host}:${options.port}: ${err.message}`));
    };
    const onListening = () => {
      server.off('error', onError);
      server.on('error', (err) => log(`loopback server error: ${err.message}`));
      const port = (server.address() as AddressInfo).port;
      const urlHost = host.includes(':') ? `[${host}]` : host;
      let closed: Promise<void> | null = null;
      resolve({
        port,
        url: `http://${urlHost}:${port}`,
        close(graceMs = DEFAULT_GRACE_MS) {
          closed ??= new Promise<void>((done) => {
            closing = true;
            const cut = setTimeout(() => {
              if (active > 0) log(`loopback server: cutting ${active} request(s) still running after ${graceMs} ms`);
              server.closeAllConnections();
            }, graceMs);
            cut.unref();
            server.close(() => {
              clearTimeout(cut);
              done();
            });
            server.closeIdleConnections();
            // Connections opened but never used (clients pre-connect) are not "idle" to Node: they
            // would hold the close up until the headers timeout.
            for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
          });
          return closed;
        },
      });
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port: options.port, host, exclusive: true });
  });
}

function repeatsHost(raw: readonly string[]): boolean {
  let seen = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    if (name.length !== 4 || name.toLowerCase() !== 'host') continue;
    if (seen) return true;
    seen = true;
  }
  return false;
}

/** Handed to a handler that declared `readsUrl: false` (the proxy works on the raw target). */
const UNREAD_URL = new URL('http://127.0.0.1/');

function readsUrl(handler: HttpHandler): boolean {
  return handler.readsUrl !== false;
}

/** '/...' but not '//...' or '/\\...' (which a URL parser reads as a host). */
function isPathOnly(target: string): boolean {
  if (target.charCodeAt(0) !== 47 /* / */) return false;
  const second = target.charCodeAt(1);
  return second !== 47 && second !== 92 /* \\ */;
}

function sendPlain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
