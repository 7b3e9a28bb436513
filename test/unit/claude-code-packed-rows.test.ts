import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { packedTransfers, packRows, unpackRows, type PackedRows } from '../../electron/core/sources/claude-code/packed-rows.js';
import type { ImportRow } from '../../electron/core/sources/claude-code/import-row.js';

const rows: ImportRow[] = [
  [1762320745643, 'anthropic', 'claude-opus-4-1-20250805', null, 46, 0, 9007199254740991, 'req_1:msg_1', '/home/dev/Projekte/über-app', 'über-app 🙂', -0],
  [1762320749750, 'anthropic', 'claude-opus-4-1-20250805', null, 13, 0.5, 0, 'req_2:msg_2', '/home/dev/Projekte/über-app', 'über-app 🙂', 0],
  [1762320749751, 'anthropic', 'claude-opus-4-1-20250805', 'tag', 1, 2, 3, '', '', null, 7],
];

describe("an import's rows packed for the trip from a parse worker", () => {
  it('come back value for value (numbers exact to 2^53, nulls, every string, repeated or not)', () => {
    const packed = packRows(rows)!;
    expect(packed.count).toBe(3);
    // A string repeated across rows travels once.
    expect(packed.strings.filter((s) => s === '/home/dev/Projekte/über-app')).toHaveLength(1);
    const back = unpackRows(packed);
    expect(back).toEqual(rows);
    expect(Object.is(back[0]![10], -0)).toBe(true);
  });

  it('come back the same through a message port, their buffers moved rather than copied', () => {
    const { port1, port2 } = new MessageChannel();
    const packed = packRows(rows)!;
    port2.postMessage(packed, packedTransfers(packed));
    // Moved: the sender's arrays are detached.
    expect(packed.numbers.length).toBe(0);
    const received = receiveMessageOnPort(port1)!.message as PackedRows;
    expect(unpackRows(received)).toEqual(rows);
    port1.close();
    port2.close();
  });

  it('are left unpacked when they cannot be: rows of different lengths, a value of another type', () => {
    expect(packRows([rows[0]!, rows[1]!.slice(1)])).toBeNull();
    expect(packRows([[1, true as unknown as number]])).toBeNull();
    expect(packRows([[1, undefined as unknown as null]])).toBeNull();
  });

  it('pack no rows as nothing', () => {
    expect(unpackRows(packRows([])!)).toEqual([]);
  });
});
