import { describe, expect, it } from 'vitest';
import { createSseSplitter, parseSseEvents, type SseEvent } from '../../shared/usage-parse/index.js';
import { encodeUtf8, withLineEnding } from '../fixtures/wire/sse.js';
import { ANTHROPIC_STREAM } from '../fixtures/wire/anthropic.js';
import { byteByByte, chunkings } from './usage-parse-chunking.js';

function splitBytes(chunks: Uint8Array[], maxEventChars?: number): SseEvent[] {
  const events: SseEvent[] = [];
  const splitter = createSseSplitter((event) => events.push(event), maxEventChars === undefined ? {} : { maxEventChars });
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return events;
}

describe('SSE splitter', () => {
  it('reads event names, joins data lines with \\n, skips comments and unknown fields', () => {
    const events = parseSseEvents(
      ': a comment\nevent: one\ndata: first\ndata:second\ndata\nretry: 10\nfoo: bar\n\n' +
        'data:  two spaces\nid: 7\n\nevent: nodata\n\ndata: after\n\n',
    );
    expect(events).toEqual([
      { event: 'one', data: 'first\nsecond\n', id: null },
      { event: '', data: ' two spaces', id: '7' },
      { event: '', data: 'after', id: '7' },
    ]);
  });

  it('accepts \\n, \\r\\n and \\r line endings, mixed in one stream', () => {
    const text = 'event: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\rdata: 3\n\r\ndata: 4\r\n\n';
    expect(parseSseEvents(text).map((e) => [e.event, e.data])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['', '3'],
      ['', '4'],
    ]);
  });

  it('does not read a \\r\\n split across chunks as two line endings', () => {
    const bytes = encodeUtf8('data: x\r\n\r\ndata: y\r\n\r\n');
    for (let cut = 1; cut < bytes.length; cut++) {
      const events = splitBytes([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(events.map((e) => e.data), `cut at ${cut}`).toEqual(['x', 'y']);
    }
  });

  it('keeps multi-byte characters intact when a chunk ends mid-character', () => {
    const text = 'data: é€𝄞🌦️ 東京\n\n';
    const bytes = encodeUtf8(text);
    expect(splitBytes(byteByByte(bytes))).toEqual([{ event: '', data: 'é€𝄞🌦️ 東京', id: null }]);
  });

  it('gives identical events for any chunking and any line ending', () => {
    for (const ending of ['\n', '\r\n', '\r'] as const) {
      const bytes = encodeUtf8(withLineEnding(ANTHROPIC_STREAM, ending));
      const expected = parseSseEvents(ANTHROPIC_STREAM);
      expect(expected.length).toBe(18);
      for (const { name, chunks } of chunkings(bytes)) {
        expect(splitBytes(chunks), `${JSON.stringify(ending)} ${name}`).toEqual(expected);
      }
    }
  });

  it('strips a leading byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encodeUtf8('data: x\n\n')]);
    expect(splitBytes(byteByByte(bytes))).toEqual([{ event: '', data: 'x', id: null }]);
  });

  it('at the end, delivers an event whose lines all arrived but drops a cut line', () => {
    expect(parseSseEvents('data: [DONE]\n').map((e) => e.data)).toEqual(['[DONE]']);
    expect(parseSseEvents('data: [DONE]\r').map((e) => e.data)).toEqual(['[DONE]']);
    expect(parseSseEvents('data: {"a":1}\n\ndata: {"b":')).toEqual([{ event: '', data: '{"a":1}', id: null }]);
    expect(parseSseEvents('event: message_stop\ndata: {"type":"mess')).toEqual([]);
  });

  it('skips an event larger than the cap whole and carries on with the next', () => {
    const big = 'x'.repeat(5000);
    const bytes = encodeUtf8(`data: small\n\ndata: ${big}\ndata: more\n\ndata: next\n\n`);
    for (const { chunks } of chunkings(bytes).slice(0, 3)) {
      expect(splitBytes(chunks, 1000).map((e) => e.data)).toEqual(['small', 'next']);
    }
    // A held partial line over the cap is dropped too, not kept growing.
    expect(splitBytes(byteByByte(encodeUtf8(`data: ${big}`)), 1000)).toEqual([]);
  });

  it('scans linearly: one event in 200,000 one-byte chunks', () => {
    const payload = 'a'.repeat(200_000);
    const started = performance.now();
    const events = splitBytes(byteByByte(encodeUtf8(`data: ${payload}\n\n`)));
    expect(events[0]?.data.length).toBe(200_000);
    // Linear: well under a second. A re-scan of the held line per push would be ~2·10¹⁰ steps.
    expect(performance.now() - started).toBeLessThan(8000);
  });
});
