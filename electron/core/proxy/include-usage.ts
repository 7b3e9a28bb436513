/**
 * OpenAI Chat Completions streams carry usage only when the request says
 * stream_options.include_usage. When a streaming client did not ask, the proxy asks for it (and
 * strips the extra chunk on the way back, see createIncludeUsageStripper). Never for the
 * Responses API, which always reports usage and rejects stream_options.
 *
 * Returns the body to send instead, or null when the request is left as it is (not a stream,
 * already asking, or not a JSON object).
 */
export function withIncludeUsage(body: Buffer): Buffer | null {
  // Cheap native scan first: most bodies are not streams, and parsing a large one costs milliseconds.
  if (body.indexOf('"stream"') < 0) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const request = parsed as Record<string, unknown>;
  if (request.stream !== true) return null;
  const options = request.stream_options;
  if (options === undefined) {
    // Splice rather than re-serialise: every other byte stays as the client wrote it.
    const open = body.indexOf('{');
    return Buffer.concat([body.subarray(0, open + 1), INCLUDE_USAGE_MEMBER, body.subarray(open + 1)]);
  }
  if (typeof options === 'object' && options !== null && !Array.isArray(options)) {
    if ((options as Record<string, unknown>).include_usage === true) return null;
    request.stream_options = { ...(options as Record<string, unknown>), include_usage: true };
  } else {
    request.stream_options = { include_usage: true };
  }
  return Buffer.from(JSON.stringify(request), 'utf8');
}

const INCLUDE_USAGE_MEMBER = Buffer.from('"stream_options":{"include_usage":true},', 'utf8');
