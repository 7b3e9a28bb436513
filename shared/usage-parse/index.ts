/**
 * Usage taps: pure, streaming readers of provider responses for the proxy's hot path.
 *
 * Per response: `const tap = createUsageTap(format, { stream, requestModel })`, then
 * `tap.push(chunk)` for every upstream chunk as it is forwarded, and `tap.end()` once the body
 * ended or was cut. When the proxy itself added `stream_options.include_usage` to a Chat
 * Completions request (text/event-stream answer), feed the tap the UPSTREAM bytes and send the
 * client `stripper.push(chunk)` / `stripper.end()` from `createIncludeUsageStripper()`.
 */
export {
  createUsageTap,
  type WireFormat,
  type TapResult,
  type UsageTap,
  type UsageTapOptions,
} from './tap.js';
export { createIncludeUsageStripper, type IncludeUsageStripper } from './include-usage-stripper.js';
export {
  createSseSplitter,
  parseSseEvents,
  type SseEvent,
} from './sse-splitter.js';
export { anthropicUsageFacts, anthropicUsageToTokens } from './anthropic-usage.js';
export { openAiUsageToTokens } from './openai-usage.js';
