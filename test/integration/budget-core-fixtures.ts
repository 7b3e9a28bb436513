/** A real core (ledger, proxy, service, alert monitor) on a temp folder, in front of a fake Anthropic. */
import Anthropic from '@anthropic-ai/sdk';
import { startCore, type Core } from '../../electron/core/core.js';
import type { ApiEvent } from '../../shared/api/contract.js';
import { errorMessage } from '../../shared/error-message.js';
import { startFakeProvider, type FakeProvider } from '../support/fake-providers.js';

export const DOLLAR = 1_000_000_000;

export interface CoreRig {
  core: Core;
  anthropic: FakeProvider;
  logs: string[];
  events: ApiEvent[];
  clock: { now: number };
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startRig(dataDir: string, clock = { now: Date.now() }): Promise<CoreRig> {
  const anthropic = await startFakeProvider('anthropic');
  const logs: string[] = [];
  const events: ApiEvent[] = [];
  const start = async () => {
    const core = await startCore({
      dataDir,
      mode: 'headless',
      port: 0,
      log: (line) => logs.push(line),
      env: { TOKENTALLY_UPSTREAM_ANTHROPIC: anthropic.url },
      now: () => clock.now,
    });
    core.onEvent((e) => events.push(e));
    return core;
  };
  const rig: CoreRig = {
    core: await start(),
    anthropic,
    logs,
    events,
    clock,
    async restart() {
      await rig.core.close();
      rig.core = await start();
    },
    async close() {
      await rig.core.close();
      await anthropic.close();
    },
  };
  return rig;
}

/** A Haiku call through the rig's proxy with the official SDK, never retried: 'ok', or the error the SDK reports. */
export async function callThroughRig(r: CoreRig, apiKey: string, maxTokens: number): Promise<'ok' | string> {
  const client = new Anthropic({ baseURL: `${r.core.urls.proxy}/anthropic`, apiKey, maxRetries: 0 });
  try {
    await client.messages.create({ model: 'claude-haiku-4-5', max_tokens: maxTokens, messages: [{ role: 'user', content: 'hi' }] });
    return 'ok';
  } catch (err) {
    return errorMessage(err);
  }
}

export async function waitFor(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
