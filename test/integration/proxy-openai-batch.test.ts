/**
 * OpenAI Batch jobs logged like Anthropic's (issue 14.5): the output file of a batch, fetched
 * through the proxy with the real SDK (GET /v1/files/{output_file_id}/content), gives one row per
 * succeeded request at Batch rates (50% of tokens). Expected figures by hand from
 * developers.openai.com/api/docs/pricing (gpt-4.1 $2 / $8, gpt-5 $1.25 / $0.125 cached / $10 per
 * MTok), checked 2026-12-07.
 */
import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { usdToNano } from '../../shared/money.js';
import { startHarness, type Harness } from '../support/proxy-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const line = (o: unknown) => JSON.stringify(o);
const OUTPUT_FILE =
  [
    line({
      id: 'batch_req_1',
      custom_id: 'req-1',
      response: { status_code: 200, request_id: 'r1', body: { id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4.1-2025-04-14', choices: [], usage: { prompt_tokens: 1000, completion_tokens: 500, total_tokens: 1500, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } } } },
      error: null,
    }),
    line({
      id: 'batch_req_2',
      custom_id: 'req-2',
      response: { status_code: 200, request_id: 'r2', body: { id: 'chatcmpl-2', object: 'chat.completion', model: 'gpt-5-2025-08-07', service_tier: 'default', choices: [], usage: { prompt_tokens: 10_000, completion_tokens: 2000, total_tokens: 12_000, prompt_tokens_details: { cached_tokens: 4000 }, completion_tokens_details: { reasoning_tokens: 500 } } } },
      error: null,
    }),
    line({ id: 'batch_req_3', custom_id: 'req-3', response: { status_code: 400, request_id: 'r3', body: { error: { message: 'bad', type: 'invalid_request_error' } } }, error: null }),
    line({ id: 'batch_req_4', custom_id: 'req-4', response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } }),
  ].join('\n') + '\n';

const INPUT_FILE = line({ custom_id: 'req-1', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4.1', messages: [] } }) + '\n';

function client(): OpenAI {
  return new OpenAI({ baseURL: `${h.url}/openai/v1`, apiKey: 'sk-batch', maxRetries: 0 });
}

describe('OpenAI Batch output through the proxy', () => {
  test('one row per succeeded request at Batch rates; fetching the file again counts nothing twice', async () => {
    h.openai.script((req) => (req.url.startsWith('/v1/files/') ? { headers: { 'content-type': 'application/octet-stream' }, body: req.url.includes('file-out') ? OUTPUT_FILE : INPUT_FILE } : null));
    const text = await (await client().files.content('file-out')).text();
    expect(text).toBe(OUTPUT_FILE);
    let rows = await h.rows();
    expect(rows.map((r) => [r.model, r.billing, r.externalId, r.costNano])).toEqual([
      // (1000 × $2 + 500 × $8) / 1M / 2
      ['gpt-4.1-2025-04-14', 'batch', 'file-out:req-1', usdToNano(0.003)],
      // (6000 × $1.25 + 4000 × $0.125 + 2000 × $10) / 1M / 2
      ['gpt-5-2025-08-07', 'batch', 'file-out:req-2', usdToNano(0.014)],
    ]);
    expect(rows.every((r) => r.provider === 'openai' && r.source === 'proxy' && r.status === 'ok')).toBe(true);

    await (await client().files.content('file-out')).text();
    rows = await h.rows();
    expect(rows).toHaveLength(2);

    // An input file read back is not usage, and says nothing in the log.
    await (await client().files.content('file-in')).text();
    expect(await h.rows()).toHaveLength(2);
    expect(h.logs.filter((l) => l.includes('file-in'))).toEqual([]);
  });
});
