import { describe, expect, it } from 'vitest';
import { crc32 } from '../../shared/sync/crc32.js';
import { decodeSegment, encodeSegment, type SegmentHeader, type SegmentRecord } from '../../shared/sync/segment-format.js';
import { classifySegmentName, segmentFileName } from '../../shared/sync/segment-names.js';

const header: SegmentHeader = { device: 'a'.repeat(32), deviceName: 'laptop', seq: 3, createdAt: 1_765_000_000_000, columns: ['time', 'provider', 'cost_nano'] };
const records: SegmentRecord[] = [
  { type: 'row', values: [1, 'anthropic', 1500] },
  { type: 'row', values: [2, 'openai', null] },
  { type: 'change', hlc: '001765000000000-000001', deleted: false, values: [1, 'anthropic', 1400] },
  { type: 'change', hlc: '001765000000000-000002', deleted: true, ref: ['proxy', 'abc'] },
  { type: 'report', bucket: { provider: 'anthropic', kind: 'cost', bucketStart: 0, bucketEnd: 86_400_000, fetchedAt: 5, rows: [{ model: 'm', cost_nano: 7 }] } },
  { type: 'shared', kind: 'budget', key: 'overall\u001f', hlc: '001765000000000-000003', value: { monthlyNano: 5 } },
];

describe('segment format', () => {
  it('round-trips every kind of record, non-ASCII text included', () => {
    const withText: SegmentRecord[] = [...records, { type: 'row', values: [3, 'custom-é✓', 0] }];
    const decoded = decodeSegment(encodeSegment(header, withText));
    expect(decoded).toEqual({ ok: true, header, records: withText });
  });

  it('CRC-32 is the standard one', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('refuses every truncation as partial (or damaged), never half-reads one', () => {
    const bytes = encodeSegment(header, records);
    for (let cut = 0; cut < bytes.length; cut++) {
      const decoded = decodeSegment(bytes.subarray(0, cut));
      expect(decoded.ok).toBe(false);
      if (!decoded.ok) expect(['partial', 'checksum', 'malformed']).toContain(decoded.problem);
    }
    // Cut at a line end, the trailer of the cut is missing: partial, the retryable kind.
    const atLine = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    expect(decodeSegment(bytes.subarray(0, atLine))).toMatchObject({ ok: false, problem: 'partial' });
  });

  it('finds a changed byte by its checksum', () => {
    const bytes = encodeSegment(header, records);
    const damaged = Uint8Array.from(bytes);
    const i = new TextDecoder().decode(bytes).indexOf('1500');
    damaged[i] = '9'.charCodeAt(0);
    expect(decodeSegment(damaged)).toMatchObject({ ok: false, problem: 'checksum' });
  });

  it('refuses a newer version, says which', () => {
    const text = new TextDecoder().decode(encodeSegment(header, records)).replace('tokentally-segment 1', 'tokentally-segment 2');
    expect(decodeSegment(new TextEncoder().encode(text))).toMatchObject({ ok: false, problem: 'newer-version', version: 2 });
  });

  it('refuses what is not a segment, and a record it does not know', () => {
    expect(decodeSegment(new TextEncoder().encode('hello\nworld\n'))).toMatchObject({ ok: false, problem: 'malformed' });
    const odd = encodeSegment(header, [{ type: 'row', values: [1, 'x'] } as SegmentRecord]);
    expect(decodeSegment(odd)).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('a partial first line is partial, not malformed', () => {
    expect(decodeSegment(new TextEncoder().encode('tokentally-seg'))).toMatchObject({ ok: false, problem: 'partial' });
    expect(decodeSegment(new Uint8Array())).toMatchObject({ ok: false, problem: 'partial' });
  });
});

describe('segment names', () => {
  it('takes only its own grammar', () => {
    expect(segmentFileName(7)).toBe('0000000007.ttseg');
    expect(classifySegmentName('0000000007.ttseg')).toEqual({ kind: 'segment', seq: 7 });
    expect(classifySegmentName('.~tokentally-0123abcd.tmp')).toEqual({ kind: 'temp' });
    expect(classifySegmentName('notes.txt')).toEqual({ kind: 'other' });
    expect(classifySegmentName('.DS_Store')).toEqual({ kind: 'other' });
  });

  it('knows the sync engines\' conflicted copies for what they are', () => {
    for (const name of [
      '0000000007 (conflicted copy 2026-12-07).ttseg',
      "0000000007 (Ann's conflicted copy 2026-12-07).ttseg",
      '0000000007.sync-conflict-20261207-101010-ABCDEFG.ttseg',
      '0000000007-LAPTOP.ttseg',
      '0000000007 2.ttseg',
    ]) {
      expect(classifySegmentName(name)).toEqual({ kind: 'conflict', seq: 7 });
    }
  });

  it('refuses numbers out of range', () => {
    expect(() => segmentFileName(0)).toThrow(RangeError);
    expect(() => segmentFileName(1.5)).toThrow(RangeError);
  });
});
