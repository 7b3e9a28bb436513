/**
 * Where finished calls go when the ledger cannot take them (disk full, a damaged page, a locked
 * file): `recovery.jsonl` beside the database, outside it. Its space is reserved in advance (the
 * file is created full of zero bytes), so a full disk still takes the calls: writing inside an
 * existing file needs no new blocks. Each write is fsynced. The next start (or the ledger coming
 * back) imports it and clears it.
 *
 * Layout: a header line `{"tokentally-recovery":1,"generation":"<uuid>"}`, then one JSON usage
 * record a line, then zero bytes up to the reserved size. The generation is stored in the ledger
 * in the same transaction as the imported rows, so an import cut short by a crash is never
 * imported twice.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { NewUsageRecord } from '../../../shared/usage.js';

const RECOVERY_FILE = 'recovery.jsonl';
/** About 20,000 calls at ~400 bytes each. */
const RESERVED_BYTES = 8 * 1024 * 1024;
const HEADER_KEY = 'tokentally-recovery';

export interface RecoveryContents {
  generation: string;
  records: NewUsageRecord[];
  /** Lines that could not be read (cut by a crash mid-write). */
  unreadable: number;
}

export class RecoveryFile {
  private fd: number | null = null;
  private offset = 0;
  private generation = '';

  constructor(
    readonly file: string,
    private readonly reserved = RESERVED_BYTES,
  ) {}

  static in(dataDir: string): RecoveryFile {
    return new RecoveryFile(path.join(dataDir, RECOVERY_FILE));
  }

  /** What the file holds (null when it does not exist or holds nothing). Read before open(). */
  read(): RecoveryContents | null {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.file);
    } catch {
      return null;
    }
    const end = bytes.indexOf(0);
    const text = bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) return null;
    let generation: string;
    try {
      const header = JSON.parse(lines[0]!) as Record<string, unknown>;
      if (header[HEADER_KEY] !== 1 || typeof header.generation !== 'string') return null;
      generation = header.generation;
    } catch {
      return null;
    }
    const records: NewUsageRecord[] = [];
    let unreadable = 0;
    for (const line of lines.slice(1)) {
      try {
        records.push(JSON.parse(line) as NewUsageRecord);
      } catch {
        unreadable++;
      }
    }
    return records.length === 0 && unreadable === 0 ? null : { generation, records, unreadable };
  }

  /**
   * Open for appending, reserving the space (a file holding records not yet imported is kept and
   * appended to). Throws when the file cannot be created or reserved.
   */
  open(): void {
    if (this.fd !== null) return;
    const existing = this.read();
    this.fd = fs.openSync(this.file, fs.existsSync(this.file) ? 'r+' : 'w+', 0o600);
    const size = fs.fstatSync(this.fd).size;
    if (size < this.reserved) {
      // Zero bytes written, not a sparse truncate: the blocks are allocated now, while there is room.
      const zeros = Buffer.alloc(Math.min(1024 * 1024, this.reserved));
      for (let at = size; at < this.reserved; at += zeros.length) fs.writeSync(this.fd, zeros, 0, Math.min(zeros.length, this.reserved - at), at);
      fs.fsyncSync(this.fd);
    }
    if (existing) {
      this.generation = existing.generation;
      const bytes = fs.readFileSync(this.file);
      const end = bytes.indexOf(0);
      this.offset = end < 0 ? bytes.length : end;
    } else {
      this.writeHeader();
    }
  }

  get generationId(): string {
    return this.generation;
  }

  /** Append records and fsync; false when they could not be written (then nothing is promised). */
  append(records: readonly NewUsageRecord[]): boolean {
    if (this.fd === null || records.length === 0) return this.fd !== null;
    const bytes = Buffer.from(records.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(this.fd, bytes, written, bytes.length - written, this.offset + written);
      fs.fsyncSync(this.fd);
      this.offset += bytes.length;
      return true;
    } catch {
      return false;
    }
  }

  /** Everything was imported: start a new generation over the reserved space. */
  clear(): void {
    if (this.fd === null) return;
    const zeros = Buffer.alloc(Math.min(this.offset, 1024 * 1024));
    for (let at = 0; at < this.offset; at += zeros.length) fs.writeSync(this.fd, zeros, 0, Math.min(zeros.length, this.offset - at), at);
    this.writeHeader();
  }

  close(): void {
    if (this.fd === null) return;
    try {
      fs.closeSync(this.fd);
    } finally {
      this.fd = null;
    }
  }

  private writeHeader(): void {
    this.generation = randomUUID();
    const header = Buffer.from(JSON.stringify({ [HEADER_KEY]: 1, generation: this.generation }) + '\n', 'utf8');
    fs.writeSync(this.fd!, header, 0, header.length, 0);
    fs.fsyncSync(this.fd!);
    this.offset = header.length;
  }
}
