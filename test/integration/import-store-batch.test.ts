/**
 * An import's batch goes through a staging table (writeImportedMessages); it must store exactly
 * what writing its messages one at a time (writeImportedMessage) stores, on a ledger that already
 * holds some of them, a proxy call for one, and rows no import wrote.
 */
import { describe, expect, it } from 'vitest';
import { insertUsage, type Db } from '../../electron/core/ledger/index.js';
import { writeRows } from '../../electron/core/ledger/bulk-write.js';
import { writeImportedMessage, writeImportedMessages, type WriteOutcome } from '../../electron/core/sources/claude-code/import-store.js';
import { importedRecord } from '../../electron/core/sources/imported-record.js';
import type { NewUsageRecord, TokenCounts } from '../../shared/usage.js';
import { ZERO_TOKENS } from '../../shared/usage.js';
import { pricedRecord } from '../support/seed.js';
import { seededRandom } from '../support/seeded-random.js';
import { expectRollupsExact, useLedgers } from './ledger-fixtures.js';

const ledgers = useLedgers();
const DAY = Date.parse('2025-11-03T00:00:00Z');
const MODELS = ['claude-sonnet-4-5-20250929', 'claude-opus-4-1-20250805', 'claude-haiku-4-5-20251001', 'no-such-model-1'];

function message(n: number, output: number, o: { time?: number; billing?: 'api' } = {}): NewUsageRecord {
  const tokens: TokenCounts = { ...ZERO_TOKENS, inputTokens: 10 + n, cacheReadTokens: 1000 * (n % 7), outputTokens: output };
  return importedRecord(
    {
      provider: 'anthropic',
      model: MODELS[n % MODELS.length]!,
      time: o.time ?? DAY + n * 97_000,
      tokens,
      externalId: `req_${n}:msg_${n}`,
      requestId: `req_${n}`,
      tag: null,
      endpoint: '/v1/messages',
      billing: o.billing,
    },
    [],
  );
}

/** The same ledger twice: 60 imported messages (some partial copies), a proxy call for message 150, a proxy row of its own. */
function seeded(): Db {
  const db = ledgers.open();
  writeRows(db, 60, () => {
    for (let n = 0; n < 60; n++) writeImportedMessage(db, message(n, n % 3 === 0 ? 5 : 400));
  });
  insertUsage(db, [
    pricedRecord({ time: DAY + 150 * 97_000, model: 'claude-sonnet-4-5-20250929', source: 'proxy', billing: 'subscription', requestId: 'req_150', tokens: { outputTokens: 9 } }),
    pricedRecord({ time: DAY + 5_000, model: 'claude-sonnet-4-5-20250929', tokens: { inputTokens: 77, outputTokens: 3 } }),
  ]);
  return db;
}

/** A pass's batch: new messages, more and less complete copies of stored ones, one the proxy has, a second copy in the batch, one billed to an API key. */
function batch(): NewUsageRecord[] {
  const rnd = seededRandom(5);
  const records: NewUsageRecord[] = [];
  for (let n = 0; n < 60; n += 2) records.push(message(n, n % 3 === 0 ? 300 : rnd() < 0.5 ? 400 : 100, { time: DAY + n * 97_000 + 2_000 }));
  for (let n = 60; n < 200; n++) records.push(message(n, 1 + Math.floor(rnd() * 900)));
  records.push(message(70, 2000));
  records.push(message(71, 1));
  records.push(message(250, 42, { billing: 'api' }));
  return records;
}

type Row = Record<string, unknown>;
// A proxied row's external_id is a random global id given on insert (sync, migration 14): the two
// ledgers cannot share it, so it is compared as present, and rows are ordered without it.
const stored = (db: Db) =>
  (db.prepare("SELECT * FROM usage ORDER BY source, CASE WHEN source = 'proxy' THEN request_id ELSE external_id END, time").all() as Row[]).map(({ id: _id, ...rest }) =>
    rest.source === 'proxy' ? { ...rest, external_id: typeof rest.external_id === 'string' ? 'random id' : rest.external_id } : rest,
  );

describe('an import batch through the staging table', () => {
  it('stores exactly what one message at a time stores, counting inserted, updated and kept alike', () => {
    const records = batch();
    const one = seeded();
    const counts: Record<WriteOutcome, number> = { inserted: 0, updated: 0, kept: 0 };
    writeRows(one, records.length, () => {
      for (const r of records) counts[writeImportedMessage(one, r)]++;
    });
    const staged = seeded();
    const stagedCounts = writeRows(staged, records.length, () => writeImportedMessages(staged, records));

    expect(stagedCounts).toEqual(counts);
    // Each kind of message is in the batch: the comparison covers every way.
    expect(counts.inserted).toBeGreaterThan(100);
    expect(counts.updated).toBeGreaterThan(5);
    expect(counts.kept).toBeGreaterThan(5);
    expect(stored(staged)).toEqual(stored(one));
    expect(staged.prepare("SELECT COUNT(*) FROM usage WHERE request_id = 'req_150'").pluck().get()).toBe(1);
    expect(staged.prepare("SELECT output_tokens FROM usage WHERE external_id = 'req_70:msg_70'").pluck().get()).toBe(2000);
    expectRollupsExact(staged);
    // Nothing stays staged for the next batch.
    expect(staged.prepare('SELECT COUNT(*) FROM temp.import_staging').pluck().get()).toBe(0);
    one.close();
    staged.close();
  });

  it('leaves the ledger as it was when the batch fails, and the next batch goes through', () => {
    const db = seeded();
    const before = stored(db);
    const records = batch();
    expect(() =>
      writeRows(db, records.length, () => {
        writeImportedMessages(db, records);
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(stored(db)).toEqual(before);
    const counts = writeRows(db, records.length, () => writeImportedMessages(db, records));
    expect(counts.inserted).toBeGreaterThan(100);
    expectRollupsExact(db);
    db.close();
  });
});
