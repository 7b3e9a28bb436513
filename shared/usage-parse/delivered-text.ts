/**
 * What a cut stream delivered, for an estimate of the output it was billed for. Measured on the
 * raw JSON of each delta, without parsing it: the cost stays that of an indexOf per event.
 */

/**
 * Characters per output token for an estimate that errs high: English prose runs about 4, code
 * and other languages fewer; the figure is only used when the provider never sent its own.
 */
export const OUTPUT_CHARS_PER_TOKEN = 3;

/** The members of Anthropic's content-block deltas that carry billed output (text, thinking, tool input). */
const PAYLOAD_KEYS = ['"text":"', '"thinking":"', '"partial_json":"'] as const;

/**
 * Length of the delivered text in one content_block_delta's JSON (escapes counted as written,
 * which only errs high); 0 for deltas that carry no billed text (signatures, citations).
 */
export function deltaPayloadChars(json: string): number {
  for (const key of PAYLOAD_KEYS) {
    const at = json.indexOf(key);
    if (at < 0) continue;
    const start = at + key.length;
    return stringEnd(json, start) - start;
  }
  return 0;
}

/** Index of the quote closing the JSON string that starts at `start` (the end of the text when cut). */
function stringEnd(json: string, start: number): number {
  let i = json.indexOf('"', start);
  while (i > 0) {
    let backslashes = 0;
    for (let j = i - 1; j >= start && json.charCodeAt(j) === 92; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
    i = json.indexOf('"', i + 1);
  }
  return json.length;
}
