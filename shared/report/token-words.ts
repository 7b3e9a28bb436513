/**
 * What the token columns mean, in one place for the CLI's tables and the app's: "input" is always
 * uncached input, with cache reads and cache writes counted apart (as the providers bill them,
 * and as the ledger stores them). Nowhere is "input" the sum of all three.
 */
export const TOKEN_WORDS = {
  input: 'Input: uncached input tokens; cache reads and cache writes are counted apart',
  cache: 'Cache reads / cache writes (5-minute and 1-hour), counted apart from input',
  cacheRead: 'Cache reads: input tokens read from the prompt cache',
  cacheWrite: 'Cache writes: input tokens written to the prompt cache (5-minute and 1-hour)',
  output: 'Output tokens, reasoning included',
  /** The line under a table that shows the kinds. */
  note: 'Input is uncached input; cache writes and cache reads are counted apart.',
} as const;
