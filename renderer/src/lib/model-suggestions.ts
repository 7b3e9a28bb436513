/**
 * Models offered in the planner's pickers (any other id can be typed: the price data matches
 * it or it is shown as unpriced). Current, widely used ids that the bundled price data knows.
 */
export const MODEL_SUGGESTIONS: Readonly<Record<string, readonly string[]>> = {
  anthropic: ['claude-opus-4-5', 'claude-opus-4-1', 'claude-sonnet-4-5', 'claude-sonnet-4-0', 'claude-haiku-4-5', 'claude-3-5-haiku-latest'],
  openai: ['gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4o', 'gpt-4o-mini', 'o3', 'o4-mini'],
  deepseek: ['deepseek-chat', 'deepseek-reasoner'],
  google: ['gemini-2.5-pro', 'gemini-2.5-flash'],
  openrouter: ['anthropic/claude-sonnet-4.5', 'openai/gpt-5', 'google/gemini-2.5-pro', 'deepseek/deepseek-chat'],
  mistral: ['mistral-large-latest', 'mistral-small-latest'],
};

export const SCENARIO_PROVIDERS = Object.keys(MODEL_SUGGESTIONS);
