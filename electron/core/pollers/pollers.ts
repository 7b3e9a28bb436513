import { anthropicPoller } from './anthropic-poller.js';
import { deepSeekPoller } from './deepseek-poller.js';
import { openAiPoller } from './openai-poller.js';
import { openRouterPoller } from './openrouter-poller.js';
import type { Poller } from './poll-types.js';

/** The pollers, by provider id: one module each; a profile with `reports` has one here (checked by a test). */
export const POLLERS: ReadonlyMap<string, Poller> = new Map([anthropicPoller, openAiPoller, openRouterPoller, deepSeekPoller].map((p) => [p.provider, p]));
