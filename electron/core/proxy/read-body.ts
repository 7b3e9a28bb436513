import type http from 'node:http';

/** How reading a request body ended. */
export type BodyRead =
  | { kind: 'body'; body: Buffer }
  /** More than `limit` bytes arrived (or were announced): the rest is discarded, never held. */
  | { kind: 'too-large'; bytes: number }
  /** Nothing arrived for idleMs: a client that trickles (or stalls) its body. */
  | { kind: 'stalled'; bytes: number }
  /** The client went away. */
  | { kind: 'failed' };

/** After a refusal the rest of an oversized body is read and dropped (so the client sees the answer), up to this much. */
const DRAIN_BYTES = 1024 * 1024 * 1024;

/**
 * Read a request body whole, within `limit` bytes, cut when the client sends nothing for
 * `idleMs`. A body announced (Content-Length) or found too large is refused at once; its
 * remaining bytes are read and dropped so the client gets the refusal instead of a reset.
 */
export function readRequestBody(req: http.IncomingMessage, limit: number, idleMs: number, done: (read: BodyRead) => void): void {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    done({ kind: 'too-large', bytes: Number(declared) });
    drain(req, 0);
    return;
  }
  let finished = false;
  const finish = (read: BodyRead) => {
    if (finished) return;
    finished = true;
    clearTimeout(idle);
    done(read);
  };
  const chunks: Buffer[] = [];
  let length = 0;
  const idle = setTimeout(() => {
    finish({ kind: 'stalled', bytes: length });
    req.pause();
  }, idleMs);
  req.on('data', (chunk: Buffer) => {
    if (finished) return;
    length += chunk.length;
    if (length > limit) {
      chunks.length = 0;
      finish({ kind: 'too-large', bytes: length });
      drain(req, length);
      return;
    }
    chunks.push(chunk);
    idle.refresh();
  });
  req.once('end', () => finish({ kind: 'body', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length) }));
  req.once('error', () => finish({ kind: 'failed' }));
  req.once('close', () => finish({ kind: 'failed' }));
}

/** Read and drop what is left, up to DRAIN_BYTES, then cut the connection. */
function drain(req: http.IncomingMessage, already: number): void {
  let dropped = already;
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > DRAIN_BYTES + already) req.socket.destroy();
  });
  req.on('error', () => {});
  req.resume();
}
