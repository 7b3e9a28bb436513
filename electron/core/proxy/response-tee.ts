import zlib from 'node:zlib';
import { errorCode, errorMessage } from '../../../shared/error-message.js';

/** Where the decoded copy of a response body goes (a usage tap, the batch results reader). */
export interface ByteSink {
  push(chunk: Uint8Array): void;
  end(): void;
}

export interface ResponseTee {
  /** Raw bytes as they went to the client (still compressed when the response is). */
  push(chunk: Buffer): void;
  /** The body ended or was cut: resolves once the sink has seen every decodable byte. Never rejects. */
  finish(): Promise<TeeResult>;
}

interface TeeResult {
  /** Why the copy could not be read to the end (a decoder or sink error), or null. */
  failure: string | null;
  /** First bytes of the decoded body, when a capture was asked for. */
  captured: Buffer | null;
  capturedTruncated: boolean;
  /** Decoded bytes seen (for estimates when a stream is cut before it reports usage). */
  decodedBytes: number;
}

export interface TeeOptions {
  /** The response's Content-Encoding header (undefined = identity). */
  contentEncoding: string | undefined;
  /** Keep up to this many decoded bytes (0 = none). */
  captureBytes: number;
}

/**
 * A second reader of a response body that can never disturb the first: the client's bytes are
 * written before the tee sees them, a compressed body is decoded into a copy (node:zlib, off the
 * main thread), and any decoder or sink error just stops the copy.
 */
export function createResponseTee(sink: ByteSink, options: TeeOptions): ResponseTee {
  let failure: string | null = null;
  let decodedBytes = 0;
  const capture = options.captureBytes > 0 ? new Capture(options.captureBytes) : null;

  const deliver = (chunk: Uint8Array): void => {
    if (failure !== null) return;
    decodedBytes += chunk.length;
    capture?.add(chunk);
    try {
      sink.push(chunk);
    } catch (err) {
      failure = `usage reader failed: ${errorMessage(err)}`;
    }
  };
  const endSink = (): void => {
    if (failure !== null) return;
    try {
      sink.end();
    } catch (err) {
      failure = `usage reader failed: ${errorMessage(err)}`;
    }
  };
  const result = (): TeeResult => ({
    failure,
    captured: capture?.bytes() ?? null,
    capturedTruncated: capture?.truncated ?? false,
    decodedBytes,
  });

  const encoding = (options.contentEncoding ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') {
    return {
      push: deliver,
      finish() {
        endSink();
        return Promise.resolve(result());
      },
    };
  }

  const decoder = decoderFor(encoding);
  if (decoder === null) {
    failure = `cannot read a ${encoding}-encoded body`;
    return { push() {}, finish: () => Promise.resolve(result()) };
  }
  decoder.on('data', deliver);
  const done = new Promise<TeeResult>((resolve) => {
    decoder.once('end', () => {
      endSink();
      resolve(result());
    });
    decoder.once('error', (err) => {
      // A cut stream leaves a truncated compressed body: read what decoded, as a cut identity body would.
      if (failure === null && errorCode(err) !== 'Z_BUF_ERROR') failure = `cannot decode the body: ${err.message}`;
      endSink();
      resolve(result());
    });
  });
  return {
    push(chunk) {
      if (failure === null) decoder.write(chunk);
    },
    finish() {
      decoder.end();
      return done;
    },
  };
}

function decoderFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  // finishFlush: a body cut mid-way still yields the bytes decoded so far.
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

class Capture {
  private chunks: Buffer[] = [];
  private length = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  add(chunk: Uint8Array): void {
    const room = this.limit - this.length;
    if (room <= 0) {
      if (chunk.length > 0) this.truncated = true;
      return;
    }
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    if (part.length < chunk.length) this.truncated = true;
    this.chunks.push(Buffer.from(part));
    this.length += part.length;
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

/** Bytes a deferred tee holds before it reads them (per call, so memory stays bounded). */
const DEFERRED_TEE_BYTES = 64 * 1024;

/**
 * A tee that reads its copy off the response path: chunks are queued and handed to the tee built
 * by `open` only once DEFERRED_TEE_BYTES are waiting (on the next turn of the event loop) or when
 * the call finishes, after the client's last byte is out. Node writes a response's chunks when the
 * current callback returns, so parsing them inline would delay every write; a usage tap is only
 * read at the end anyway. Opening the tee late also keeps its set-up off the response path.
 */
export function createDeferredTee(open: () => ResponseTee): ResponseTee {
  return new DeferredTee(open);
}

// A class, not closures: one is made per call, on the response path.
class DeferredTee implements ResponseTee {
  private inner: ResponseTee | null = null;
  private queue: Buffer[] = [];
  private queuedBytes = 0;
  private scheduled = false;
  private failure: string | null = null;

  constructor(private readonly open: () => ResponseTee) {}

  push(chunk: Buffer): void {
    if (this.failure !== null) return;
    this.queue.push(chunk);
    this.queuedBytes += chunk.length;
    if (this.queuedBytes >= DEFERRED_TEE_BYTES && !this.scheduled) {
      this.scheduled = true;
      setImmediate(drainTee, this);
    }
  }

  finish(): Promise<TeeResult> {
    this.drain();
    if (this.failure !== null || this.inner === null) {
      return Promise.resolve({ failure: this.failure, captured: null, capturedTruncated: false, decodedBytes: 0 });
    }
    return this.inner.finish();
  }

  drain(): void {
    this.scheduled = false;
    const chunks = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    if (this.failure !== null) return;
    try {
      this.inner ??= this.open();
      for (const chunk of chunks) this.inner.push(chunk);
    } catch (err) {
      // Nothing on the copy's side may fail the call; the record reports the usage as unreadable.
      this.failure = `usage reader failed: ${errorMessage(err)}`;
    }
  }
}

function drainTee(tee: DeferredTee): void {
  tee.drain();
}
