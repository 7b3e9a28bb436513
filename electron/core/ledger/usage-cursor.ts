/**
 * Where a page of usage records ended: the time and id of its last (oldest) row. The next page is
 * the rows before it in (time, id) order. Opaque to clients: they hand back what they were given.
 */
import { badRequest } from './query-args.js';

export interface Cursor {
  time: number;
  id: number;
}

const FORMAT = /^(\d{1,16})\.(\d{1,16})$/;

export function cursorAfter(row: { time: number; id: number }): string {
  return `${row.time}.${row.id}`;
}

export function parseCursor(v: unknown): Cursor {
  const m = typeof v === 'string' ? FORMAT.exec(v) : null;
  const time = m ? Number(m[1]) : NaN;
  const id = m ? Number(m[2]) : NaN;
  if (!Number.isSafeInteger(time) || !Number.isSafeInteger(id)) badRequest(`cursor must be the nextCursor of a previous page, got ${JSON.stringify(v)}`);
  return { time, id };
}
