import { anthropicPoller } from './anthropic-poller.js';
import { deepSeekPoller } from './deepseek-poller.js';
import { openAiPoller } from './openai-poller.js';
import { openRouterPoller } from './openrouter-poller.js';
import type { PolledProvider, Poller } from './poll-types.js';

export const POLLERS: Readonly<Record<PolledProvider, Poller>> = Object.freeze({
  anthropic: anthropicPoller,
  openai: openAiPoller,
  openrouter: openRouterPoller,
  deepseek: deepSeekPoller,
});
