import { anthropicUsageFacts, anthropicUsageToTokens, openAiUsageToTokens } from '../../../shared/usage-parse/index.js';
import type { TokenCounts } from '../../../shared/usage.js';
import type { ByteSink } from './response-tee.js';

/** One succeeded request of a batch, read from its results file. */
export interface BatchResultUsage {
  customId: string;
  model: string;
  tokens: TokenCounts;
  messageId: string | null;
  /** How the request was served, when its result says (price-rules.ts). */
  serviceTier?: string | null;
  speed?: string | null;
  inferenceGeo?: string | null;
  webFetchRequests?: number;
}

/** A results line longer than this is skipped (its usage cannot be read without holding it). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const LF = 0x0a;

/**
 * Reads batch results as they stream past and reports each succeeded line; failed, errored,
 * canceled and expired requests cost nothing. Two shapes, one JSON object a line:
 *  - Anthropic Message Batch results: `{custom_id, result: {type: "succeeded", message: {model, usage}}}`;
 *  - OpenAI Batch output files (GET /v1/files/{output_file_id}/content):
 *    `{id, custom_id, response: {status_code, request_id, body: {model, usage, ...}}, error}`
 *    (platform.openai.com/docs/guides/batch, checked 2026-12-07).
 * Any other line (an input file read back, a file that is not a batch's) is not usage.
 */
export function createBatchResultsReader(onResult: (usage: BatchResultUsage) => void, onSkipped: (reason: string) => void): ByteSink {
  let held: Buffer[] = [];
  let heldLength = 0;
  let oversized = false;

  const line = (bytes: Buffer): void => {
    const text = bytes.toString('utf8').trim();
    if (text === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      onSkipped('a results line is not JSON');
      return;
    }
    const usage = succeededUsage(parsed);
    if (usage) onResult(usage);
  };

  return {
    push(chunk) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      let start = 0;
      for (let nl = buf.indexOf(LF, start); nl >= 0; nl = buf.indexOf(LF, start)) {
        const piece = buf.subarray(start, nl);
        if (!oversized) {
          line(held.length === 0 ? piece : Buffer.concat([...held, piece], heldLength + piece.length));
        }
        held = [];
        heldLength = 0;
        oversized = false;
        start = nl + 1;
      }
      if (start < buf.length && !oversized) {
        const rest = buf.subarray(start);
        if (heldLength + rest.length > MAX_LINE_BYTES) {
          oversized = true;
          held = [];
          heldLength = 0;
          onSkipped(`a results line is longer than ${MAX_LINE_BYTES} bytes`);
        } else {
          // Copy: the chunk's memory belongs to the stream and may be reused.
          held.push(Buffer.from(rest));
          heldLength += rest.length;
        }
      }
    },
    end() {
      if (!oversized && heldLength > 0) line(Buffer.concat(held, heldLength));
      held = [];
      heldLength = 0;
    },
  };
}

function succeededUsage(parsed: unknown): BatchResultUsage | null {
  if (!isObject(parsed) || typeof parsed.custom_id !== 'string') return null;
  if (isObject(parsed.response)) return openAiBatchLine(parsed.custom_id, parsed);
  const result = parsed.result;
  if (!isObject(result) || result.type !== 'succeeded') return null;
  const message = result.message;
  if (!isObject(message) || !isObject(message.usage)) return null;
  return {
    customId: parsed.custom_id,
    model: typeof message.model === 'string' && message.model !== '' ? message.model : 'unknown',
    tokens: anthropicUsageToTokens(message.usage),
    messageId: typeof message.id === 'string' ? message.id : null,
    ...anthropicUsageFacts(message.usage),
  };
}

/** An OpenAI Batch output line: only a 200 response with a usage object is billed. */
function openAiBatchLine(customId: string, line: Record<string, unknown>): BatchResultUsage | null {
  const response = line.response as Record<string, unknown>;
  if (response.status_code !== 200 || !isObject(response.body) || !isObject(response.body.usage)) return null;
  const body = response.body;
  const reading = openAiUsageToTokens(body.usage as Record<string, unknown>);
  if (!reading.sawUsage) return null;
  return {
    customId,
    model: typeof body.model === 'string' && body.model !== '' ? body.model : 'unknown',
    tokens: reading.tokens,
    messageId: typeof line.id === 'string' ? line.id : typeof body.id === 'string' ? body.id : null,
    serviceTier: typeof body.service_tier === 'string' ? body.service_tier : null,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
