/**
 * Prices that stay current (issue 14.4), against a local fake of the price library's published
 * source (a JSON array of providers, as at the library's REMOTE_DATA_JSON_URL): a new model appears,
 * a price changes, a broken download leaves the list in force; the list is kept for the next start;
 * stored calls are re-priced only when asked. Figures by hand: Claude Haiku 4.5 at $1 per MTok input
 * (bundled), $2 in the fake's changed list; the fake's new model at $7 / $21.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { waitForUpdate, type Provider } from '@pydantic/genai-prices';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertUsage, getUsage } from '../../electron/core/ledger/index.js';
import { openDatabase } from '../../electron/core/ledger/open-database.js';
import { useBundledPriceData } from '../../shared/pricing/index.js';
import { usdToNano } from '../../shared/money.js';
import { runCliCaptured } from '../support/run-cli.js';
import { pricedRecord } from '../support/seed.js';
import { useTempDirs } from '../support/temp-dir.js';

const tempDir = useTempDirs();
const bundled = structuredClone((await waitForUpdate())!) as Provider[];

/** The bundled list with one new Anthropic model and Haiku 4.5's input price doubled. */
function changedList(): Provider[] {
  const list = structuredClone(bundled);
  const anthropic = list.find((p) => p.id === 'anthropic')!;
  anthropic.models.push({ id: 'claude-tally-9', name: 'Claude Tally 9', match: { starts_with: 'claude-tally-9' }, prices: { input_mtok: 7, output_mtok: 21 } });
  const haiku = anthropic.models.find((m) => m.id === 'claude-haiku-4-5')!;
  haiku.prices = { ...(haiku.prices as Record<string, number>), input_mtok: 2 };
  return list;
}

type Answer = { status: number; body: string; lastModified?: string };
let answer: Answer = { status: 200, body: '[]' };
let hits = 0;
const server = http.createServer((_req, res) => {
  hits++;
  res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.lastModified ? { 'last-modified': answer.lastModified } : {}) });
  res.end(answer.body);
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/prices/new_data/v2/data.json`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => useBundledPriceData());

const cli = (dir: string, ...args: string[]) => runCliCaptured(['prices', ...args, '--data-dir', dir], { env: { TOKENTALLY_PRICE_DATA_URL: url } });
const totalOf = (out: string) => /^Total +(\$[\d.,]+)$/m.exec(out)?.[1];

describe('tokentally prices --refresh against the published source', () => {
  it('fetches nothing unless asked; a new model and a changed price arrive; the list is kept for the next start', async () => {
    const dir = tempDir();
    answer = { status: 200, body: JSON.stringify(changedList()), lastModified: 'Sun, 06 Dec 2026 09:30:00 GMT' };
    hits = 0;

    const before = await cli(dir, 'claude-tally-9', '--input', '1000000');
    expect(before.stdout).toContain('UNPRICED');
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$1.00');
    expect((await cli(dir, '--info')).stdout).toMatch(/^Price data: genai-prices@[\d.]+ \(bundled/);
    expect(hits).toBe(0);

    const refreshed = await cli(dir, '--refresh');
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('Price data updated');
    expect(refreshed.stdout).toContain('dated 2026-12-06T09:30:00.000Z');
    expect(refreshed.stdout).toContain('New models: anthropic/claude-tally-9');
    expect(hits).toBe(1);

    // A new process: the stored list is put in force again, without a download.
    useBundledPriceData();
    const tally = await cli(dir, 'claude-tally-9', '--input', '1000000', '--output', '1000000');
    expect(tally.stdout).not.toContain('UNPRICED');
    expect(totalOf(tally.stdout)).toBe('$28.00'); // $7 + $21
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$2.00');
    expect((await cli(dir, '--info', '--json')).stdout).toContain('"source":"downloaded"');
    expect(hits).toBe(1);

    // Downloading the same list again changes nothing.
    expect((await cli(dir, '--refresh')).stdout).toContain('Price data unchanged');
  });

  it.each([
    ['a server error', { status: 500, body: 'oops' }, 'HTTP 500'],
    ['a download cut short', { status: 200, body: JSON.stringify(bundled).slice(0, 5000) }, 'not JSON'],
    ['a file that is not a price list', { status: 200, body: '{"error":"rate limited"}' }, 'expected a JSON array of providers'],
    ['a list without OpenAI', { status: 200, body: JSON.stringify(bundled.filter((p) => p.id !== 'openai')) }, '0 openai models'],
    ['a price that is not a number', { status: 200, body: JSON.stringify(bundled).replace('"input_mtok":1,', '"input_mtok":"1",') }, 'input_mtok'],
  ])('%s leaves the list in force unchanged', async (_name, bad, message) => {
    const dir = tempDir();
    answer = { status: 200, body: JSON.stringify(changedList()), lastModified: 'Sun, 06 Dec 2026 09:30:00 GMT' };
    expect((await cli(dir, '--refresh')).code).toBe(0);

    answer = bad;
    const broken = await cli(dir, '--refresh');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(message);
    expect(broken.stderr).toContain('The price data in force is unchanged');
    // Still the good downloaded list, now and at the next start.
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$2.00');
    useBundledPriceData();
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$2.00');
  });
});

describe('a price list larger than 32 MB', () => {
  const MB = 1024 * 1024;
  const GB = 1024 * MB;

  /**
   * A server that streams `total` bytes in 64 KB chunks, only as fast as the client reads them
   * (chunked, no Content-Length unless `declared`). `stopped` says how much it had written when the
   * client closed the connection (or when it had written it all).
   */
  async function streamingServer(total: number, declared: number | null) {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let stop: (written: number) => void = () => {};
    const stopped = new Promise<number>((resolve) => (stop = resolve));
    const big = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', ...(declared === null ? {} : { 'content-length': String(declared) }) });
      let written = 0;
      res.on('close', () => stop(written));
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    await new Promise<void>((resolve) => big.listen(0, '127.0.0.1', resolve));
    const at = `http://127.0.0.1:${(big.address() as AddressInfo).port}/data.json`;
    const close = () =>
      new Promise<void>((resolve) => {
        big.close(() => resolve());
        big.closeAllConnections();
      });
    return { url: at, stopped, close };
  }

  /** A data folder with a good downloaded list in force (Haiku 4.5 at $2), and its stored files. */
  async function folderWithList() {
    const dir = tempDir();
    answer = { status: 200, body: JSON.stringify(changedList()), lastModified: 'Sun, 06 Dec 2026 09:30:00 GMT' };
    expect((await cli(dir, '--refresh')).code).toBe(0);
    const files = () => Object.fromEntries(fs.readdirSync(dir).filter((f) => f.startsWith('price-data')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
    return { dir, files, before: files() };
  }

  async function expectListKept(dir: string) {
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$2.00');
    useBundledPriceData();
    expect(totalOf((await cli(dir, 'claude-haiku-4-5', '--input', '1000000')).stdout)).toBe('$2.00');
  }

  it('is read as a stream and refused as soon as it passes 32 MB (no Content-Length): memory stays low, nothing is stored', async () => {
    const { dir, files, before } = await folderWithList();
    const server = await streamingServer(GB, null);
    try {
      const rssBefore = process.memoryUsage().rss;
      const peakBefore = process.resourceUsage().maxRSS * 1024;
      const run = await runCliCaptured(['prices', '--refresh', '--url', server.url, '--data-dir', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the price list at ${server.url} is larger than 32 MB: not downloaded`);
      expect(run.stderr).toContain('The price data in force is unchanged');
      // The server saw the connection closed a little after 32 MB (socket buffers), not 1 GB in.
      const written = await server.stopped;
      expect(written).toBeGreaterThan(32 * MB);
      expect(written).toBeLessThan(64 * MB);
      // The peak never went 256 MB above where it started (reading the whole body peaked at gigabytes).
      const peakAfter = process.resourceUsage().maxRSS * 1024;
      expect(peakAfter).toBeLessThanOrEqual(Math.max(peakBefore, rssBefore + 256 * MB));
    } finally {
      await server.close();
    }
    expect(files()).toEqual(before);
    await expectListKept(dir);
  });

  it('is refused before reading when its Content-Length says so', async () => {
    const { dir, files, before } = await folderWithList();
    const server = await streamingServer(GB, GB);
    try {
      const run = await runCliCaptured(['prices', '--refresh', '--url', server.url, '--data-dir', dir]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the price list at ${server.url} is larger than 32 MB: not downloaded`);
      expect(await server.stopped).toBeLessThan(32 * MB);
    } finally {
      await server.close();
    }
    expect(files()).toEqual(before);
    await expectListKept(dir);
  });
});

describe('tokentally prices --reprice', () => {
  it('re-prices stored calls only when asked; provider-reported costs stay', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    const time = Date.now() - 60_000;
    const [haikuId, routedId] = insertUsage(db, [
      pricedRecord({ time, model: 'claude-haiku-4-5', tokens: { inputTokens: 1_000_000 } }),
      { ...pricedRecord({ time, provider: 'openrouter', model: 'anthropic/claude-haiku-4.5', tokens: { inputTokens: 1_000_000 } }), costNano: usdToNano(0.95), costSource: 'provider' as const },
    ]);
    db.close();

    answer = { status: 200, body: JSON.stringify(changedList()), lastModified: 'Sun, 06 Dec 2026 09:30:00 GMT' };
    expect((await cli(dir, '--refresh')).code).toBe(0);
    const read = () => {
      const d = openDatabase(dir);
      try {
        return [getUsage(d, haikuId!)!, getUsage(d, routedId!)!];
      } finally {
        d.close();
      }
    };
    // Refreshing alone re-prices nothing.
    expect(read()[0]!.costNano).toBe(usdToNano(1));

    const run = await cli(dir, '--reprice');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 changed, +$1.00');
    const [haiku, routed] = read();
    expect(haiku!.costNano).toBe(usdToNano(2));
    expect(haiku!.priceVersion).toBe('genai-prices-data@2026-12-06T09:30:00.000Z');
    expect(routed!.costNano).toBe(usdToNano(0.95));
  });
});
