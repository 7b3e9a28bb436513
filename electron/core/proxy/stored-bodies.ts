/** Bodies of one call, kept only for tags the user listed in storeBodiesForTags. */
export interface StoredBodies {
  /** The usage row's externalId (source 'proxy'), which links the two. */
  externalId: string;
  time: number;
  requestBody: Buffer;
  requestTruncated: boolean;
  /** Decoded (decompressed) response body. */
  responseBody: Buffer;
  responseTruncated: boolean;
}

/** Each body is kept up to this many bytes. */
export const STORED_BODY_LIMIT = 64 * 1024;
