import zlib from 'node:zlib';

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

export interface TeeResult {
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
      failure = `usage reader failed: ${(err as Error).message}`;
    }
  };
  const endSink = (): void => {
    if (failure !== null) return;
    try {
      sink.end();
    } catch (err) {
      failure = `usage reader failed: ${(err as Error).message}`;
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
      if (failure === null && (err as NodeJS.ErrnoException).code !== 'Z_BUF_ERROR') failure = `cannot decode the body: ${err.message}`;
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
