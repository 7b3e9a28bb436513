import { describe, expect, it } from 'vitest';
import { createUsageWriter } from '../../electron/core/ledger/index.js';
import type { Db } from '../../electron/core/ledger/open-database.js';
import { useLedgers, usage } from './ledger-fixtures.js';

const ledgers = useLedgers();
const count = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM usage').get() as { n: number }).n;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

const REFUSE = "CREATE TRIGGER refuse_usage BEFORE INSERT ON usage BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;";

describe('createUsageWriter', () => {
  it('queues without touching the database, then writes on its timer', async () => {
    const db = ledgers.open();
    const written: number[][] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 30, onWritten: (ids) => written.push(ids) });
    try {
      writer.enqueue(usage({ time: 1 }));
      writer.enqueue(usage({ time: 2 }));
      // Nothing is written on the request path.
      expect(count(db)).toBe(0);
      expect(writer.pending()).toBe(2);
      await until(() => count(db) === 2);
      expect(writer.pending()).toBe(0);
      expect(written.flat()).toHaveLength(2);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('writes in batches of maxBatch, one transaction and one onWritten call each', () => {
    const db = ledgers.open();
    const batches: number[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, maxBatch: 500, onWritten: (ids) => batches.push(ids.length) });
    try {
      for (let i = 0; i < 1200; i++) writer.enqueue(usage({ time: 1000 + i }));
      expect(writer.flush()).toBe(1200);
      expect(batches).toEqual([500, 500, 200]);
      expect(count(db)).toBe(1200);
      expect(writer.flush()).toBe(0);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('reports only inserted ids: a duplicate is committed from the queue but has no id', () => {
    const db = ledgers.open();
    const ids: number[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, onWritten: (batch) => ids.push(...batch) });
    try {
      const rec = usage({ time: 5, source: 'import', externalId: 'x' });
      writer.enqueue(rec);
      writer.enqueue({ ...rec });
      expect(writer.flush()).toBe(2);
      expect(ids).toHaveLength(1);
      expect(count(db)).toBe(1);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('does not wait for the timer once a full batch is queued', async () => {
    const db = ledgers.open();
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, maxBatch: 50 });
    try {
      for (let i = 0; i < 50; i++) writer.enqueue(usage({ time: i }));
      await until(() => count(db) === 50, 2000);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('keeps records queued through a failing database, reports the outage once, and writes them when it recovers', async () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const written: number[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 20, onError: (err) => errors.push(err), onWritten: (ids) => written.push(...ids) });
    try {
      db.exec(REFUSE);
      for (let i = 0; i < 10; i++) writer.enqueue(usage({ time: i }));
      await sleep(200); // several ticks, all failing
      expect(count(db)).toBe(0);
      expect(writer.pending()).toBe(10);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/disk is full/);
      for (let i = 10; i < 15; i++) writer.enqueue(usage({ time: i }));
      db.exec('DROP TRIGGER refuse_usage');
      await until(() => count(db) === 15);
      expect(writer.pending()).toBe(0);
      expect(written).toHaveLength(15);
      expect(errors).toHaveLength(1);
      // Order is kept: the rows went in as they were queued.
      const times = (db.prepare('SELECT time FROM usage ORDER BY id').all() as { time: number }[]).map((r) => r.time);
      expect(times).toEqual([...Array(15).keys()]);

      // A second outage is reported again.
      db.exec(REFUSE);
      writer.enqueue(usage({ time: 99 }));
      expect(writer.flush()).toBe(0);
      expect(errors).toHaveLength(2);
    } finally {
      db.exec('DROP TRIGGER IF EXISTS refuse_usage');
      writer.close();
      db.close();
    }
  });

  it('survives a closed database handle: enqueue and flush do not throw, records stay queued', () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, onError: (err) => errors.push(err) });
    db.close();
    expect(() => writer.enqueue(usage({ time: 1 }))).not.toThrow();
    expect(writer.flush()).toBe(0);
    expect(writer.pending()).toBe(1);
    expect(errors).toHaveLength(1);
    expect(() => writer.close()).not.toThrow();
    // close() says plainly what could not be written.
    expect(String(errors.at(-1))).toMatch(/1 usage record\(s\) could not be written before closing/);
  });

  it('drops a record the database rejects as invalid without holding back the rest of its batch', () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, onError: (err) => errors.push(err) });
    try {
      // A CHECK this version of the writer does not know about: only that row is refused.
      db.exec("CREATE TABLE guard (x INTEGER CHECK (x < 100)) STRICT; CREATE TRIGGER g AFTER INSERT ON usage BEGIN INSERT INTO guard VALUES (NEW.input_tokens); END;");
      writer.enqueue(usage({ time: 1, inputTokens: 1 }));
      writer.enqueue(usage({ time: 2, inputTokens: 500 }));
      writer.enqueue(usage({ time: 3, inputTokens: 2 }));
      expect(writer.flush()).toBe(3);
      expect(count(db)).toBe(2);
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/rejected by the ledger and dropped/);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('refuses an invalid record at enqueue, reporting it, without throwing', () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const writer = createUsageWriter(db, { onError: (err) => errors.push(err) });
    try {
      expect(() => writer.enqueue(usage({ time: 1, costNano: 0.5 }))).not.toThrow();
      expect(() => writer.enqueue(null as never)).not.toThrow();
      expect(writer.pending()).toBe(0);
      expect(errors).toHaveLength(2);
      expect(String(errors[0])).toMatch(/invalid and dropped: .*costNano/);
    } finally {
      writer.close();
      db.close();
    }
  });

  it('caps the queue while the database fails, reports the drops, and keeps what it held', async () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 20, maxQueue: 100, onError: (err) => errors.push(err) });
    try {
      db.exec(REFUSE);
      for (let i = 0; i < 130; i++) writer.enqueue(usage({ time: i }));
      expect(writer.pending()).toBe(100);
      const messages = () => errors.map(String);
      expect(messages().filter((m) => /queue is full \(100 records waiting\)/.test(m))).toHaveLength(1);
      db.exec('DROP TRIGGER refuse_usage');
      await until(() => count(db) === 100);
      await until(() => messages().some((m) => /30 usage record\(s\) were dropped/.test(m)));
    } finally {
      writer.close();
      db.close();
    }
  });

  it('close() writes what is queued, synchronously, and later records are reported, not written', () => {
    const db = ledgers.open();
    const errors: unknown[] = [];
    const writer = createUsageWriter(db, { flushIntervalMs: 60_000, onError: (err) => errors.push(err) });
    try {
      for (let i = 0; i < 7; i++) writer.enqueue(usage({ time: i }));
      writer.close();
      expect(count(db)).toBe(7);
      expect(errors).toHaveLength(0);
      writer.enqueue(usage({ time: 8 }));
      expect(count(db)).toBe(7);
      expect(String(errors[0])).toMatch(/after the writer was closed/);
      expect(() => writer.close()).not.toThrow();
    } finally {
      db.close();
    }
  });

  it('keeps working when a listener throws', () => {
    const db = ledgers.open();
    const writer = createUsageWriter(db, {
      flushIntervalMs: 60_000,
      onWritten: () => {
        throw new Error('listener bug');
      },
    });
    try {
      writer.enqueue(usage({ time: 1 }));
      expect(writer.flush()).toBe(1);
      writer.enqueue(usage({ time: 2 }));
      expect(writer.flush()).toBe(1);
      expect(count(db)).toBe(2);
    } finally {
      writer.close();
      db.close();
    }
  });
});
