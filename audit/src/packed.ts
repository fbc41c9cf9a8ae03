import { readEventSeq } from './canonical';
import { COLUMN_ORDER, columnMismatches, type EventColumns } from './columns';
import { leafHash } from './merkle';
import type { LogEvent } from './verifier';

/**
 * Stored events in PostgreSQL's binary COPY format, as a database streams them with
 * `COPY (SELECT <PACKED_EVENT_COLUMNS> FROM audit_events … ORDER BY seq) TO STDOUT (FORMAT binary)`:
 * each row holds, in this order and with these types, `seq` (bigint), `canonical` (bytea),
 * `leaf_hash` (bytea), `occurred_at` (timestamptz), `actor_id` (uuid), and `actor_role`,
 * `subject_id`, `action`, `resource`, `outcome`, `request_id` (text). Binary values need no
 * text parsing on either side, so reading them costs little more than moving the bytes.
 */
export const PACKED_EVENT_COLUMNS =
  'seq, canonical, leaf_hash, occurred_at, actor_id, actor_role, subject_id, action, resource, outcome, request_id';

const FIELDS = 11;
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
// timestamptz is microseconds since 2000-01-01T00:00:00Z.
const PG_EPOCH_MICROS = 946_684_800_000_000;
const TWO_32 = 0x1_0000_0000;

// The memory of batches a framer handed out: nothing else refers to it, so it may be moved to a
// worker thread (unlike, say, a slice of Node's shared Buffer pool).
const framerMemory = new WeakSet<ArrayBufferLike>();

function framerBuffer(size: number): Buffer {
  const b = Buffer.allocUnsafeSlow(size);
  framerMemory.add(b.buffer);
  return b;
}

/** True when `batch` came from a {@link PackedFramer}, so its memory can be transferred. */
export function isFramerBatch(batch: Buffer): boolean {
  return framerMemory.has(batch.buffer);
}

/** A source of packed events (see {@link PACKED_EVENT_COLUMNS}) for `verifyLog`. */
export interface PackedEvents {
  /** The COPY output as it arrives, cut anywhere (rows may span chunks). */
  packed: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  /**
   * Worker threads hashing the events (default `os.availableParallelism()`; 0 hashes on the
   * calling thread only).
   */
  workers?: number;
}

/**
 * Cuts a binary COPY stream into batches of whole rows: each batch is a fresh buffer (it can be
 * transferred to a worker thread) of at least `batchBytes`, except the last. Checks the header,
 * the field count of every row and the trailer; anything else is left to {@link decodePacked}.
 */
export class PackedFramer {
  private buf: Buffer;
  private len = 0;
  // Start of the first row not yet known to be complete.
  private scan = 0;
  private headerDone = false;
  private ended = false;

  constructor(private readonly batchBytes = 1 << 20) {
    this.buf = framerBuffer(batchBytes * 2);
  }

  /** Adds a chunk; returns the batches it completed (often none). */
  push(chunk: Uint8Array): Buffer[] {
    if (this.ended) {
      if (chunk.length > 0) throw new Error('packed events: data after the end of the COPY stream');
      return [];
    }
    if (this.len + chunk.length > this.buf.length) {
      const bigger = framerBuffer(Math.max(this.buf.length * 2, this.len + chunk.length));
      this.buf.copy(bigger, 0, 0, this.len);
      this.buf = bigger;
    }
    this.buf.set(chunk, this.len);
    this.len += chunk.length;
    if (!this.headerDone && !this.readHeader()) return [];
    this.frame();
    if (this.ended || this.scan < this.batchBytes) return [];
    return [this.cut()];
  }

  /** Ends the stream; returns the rest (possibly empty). Throws if the stream was cut short. */
  end(): Buffer {
    if (!this.ended) throw new Error('packed events: the COPY stream ended before its trailer');
    return this.cut();
  }

  private readHeader(): boolean {
    const b = this.buf;
    if (this.len < 19) return false;
    if (!b.subarray(0, 11).equals(SIGNATURE)) throw new Error('packed events: not a binary COPY stream');
    const extension = b.readUInt32BE(15);
    if (this.len < 19 + extension) return false;
    this.scan = 19 + extension;
    // Batches hold rows only.
    this.buf.copy(this.buf, 0, this.scan, this.len);
    this.len -= this.scan;
    this.scan = 0;
    this.headerDone = true;
    return true;
  }

  private frame(): void {
    const b = this.buf;
    const len = this.len;
    let at = this.scan;
    for (;;) {
      if (at + 2 > len) break;
      const fields = b.readInt16BE(at);
      if (fields === -1) {
        if (at + 2 !== len) throw new Error('packed events: data after the COPY trailer');
        this.ended = true;
        this.len = at; // the trailer is not part of any batch
        break;
      }
      if (fields !== FIELDS) throw new Error(`packed events: a row has ${fields} columns, not ${FIELDS}`);
      let p = at + 2;
      let complete = true;
      for (let f = 0; f < FIELDS; f++) {
        if (p + 4 > len) {
          complete = false;
          break;
        }
        const size = b.readInt32BE(p);
        p += 4;
        if (size > 0) p += size;
        if (p > len) {
          complete = false;
          break;
        }
      }
      if (!complete) break;
      at = p;
    }
    this.scan = at;
  }

  // Hands out the complete rows and keeps the partial one.
  private cut(): Buffer {
    const batch = this.buf.subarray(0, this.scan);
    const rest = this.len - this.scan;
    const next = framerBuffer(Math.max(this.batchBytes * 2, rest * 2));
    this.buf.copy(next, 0, this.scan, this.len);
    this.buf = next;
    this.len = rest;
    this.scan = 0;
    return batch;
  }
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function uuidText(b: Uint8Array, at: number): string {
  let s = '';
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) s += '-';
    s += HEX[b[at + i]!]!;
  }
  return s;
}

function int64(b: Buffer, at: number): number {
  return b.readInt32BE(at) * TWO_32 + b.readUInt32BE(at + 4);
}

/**
 * Calls `row` for each row of a batch from {@link PackedFramer}. `canonical` and `leafHash` are
 * views into the batch, not copies.
 */
export function decodePacked(batch: Buffer, row: (event: LogEvent & { columns: EventColumns }) => void): void {
  let at = 0;
  const end = batch.length;
  const f = new Int32Array(FIELDS * 2); // start and size of each field
  while (at < end) {
    at += 2; // the field count, checked by the framer
    for (let i = 0; i < FIELDS; i++) {
      const size = batch.readInt32BE(at);
      at += 4;
      f[2 * i] = at;
      f[2 * i + 1] = size;
      if (size > 0) at += size;
    }
    row({
      seq: fixed(f, 0, 8, 'seq') ? int64(batch, f[0]!) : 0,
      canonical: bytes(batch, f, 1) ?? Buffer.alloc(0),
      leafHash: bytes(batch, f, 2),
      columns: {
        timeMicros: fixed(f, 3, 8, 'occurred_at') ? int64(batch, f[6]!) + PG_EPOCH_MICROS : null,
        actorId: fixed(f, 4, 16, 'actor_id') ? uuidText(batch, f[8]!) : null,
        actorRole: text(batch, f, 5),
        subjectId: text(batch, f, 6),
        action: text(batch, f, 7),
        resource: text(batch, f, 8),
        outcome: text(batch, f, 9),
        requestId: text(batch, f, 10),
      },
    });
  }
}

function text(b: Buffer, f: Int32Array, i: number): string | null {
  const size = f[2 * i + 1]!;
  return size < 0 ? null : b.toString('utf8', f[2 * i], f[2 * i]! + size);
}

function bytes(b: Buffer, f: Int32Array, i: number): Buffer | null {
  const size = f[2 * i + 1]!;
  return size < 0 ? null : b.subarray(f[2 * i], f[2 * i]! + size);
}

// A fixed-size binary value: false when NULL.
function fixed(f: Int32Array, i: number, size: number, what: string): boolean {
  const actual = f[2 * i + 1]!;
  if (actual < 0) return false;
  if (actual !== size) throw new Error(`packed events: ${what} is ${actual} bytes, not ${size}`);
  return true;
}

/**
 * What the verifier needs of each event of a batch, computed where the batch is (a worker
 * thread, or the caller's when there is none): the RFC 6962 leaf hash, whether the stored leaf
 * hash differs from it, the seq inside the bytes, and which columns differ from the bytes.
 */
export interface PackedDigest {
  count: number;
  seqs: Float64Array<ArrayBuffer>;
  /** The seq inside the canonical bytes; NaN when they carry none. */
  embedded: Float64Array<ArrayBuffer>;
  /** 1 when a stored leaf hash is present and differs from the computed one. */
  storedDiffers: Uint8Array<ArrayBuffer>;
  /** Bit i set: column {@link COLUMN_ORDER}[i] differs from the bytes. */
  columns: Uint16Array<ArrayBuffer>;
  /** 32 bytes per event. */
  leaves: Uint8Array<ArrayBuffer>;
}

/** Digests one batch (see {@link PackedDigest}). */
export function digestPacked(batch: Buffer): PackedDigest {
  const events: (LogEvent & { columns: EventColumns })[] = [];
  decodePacked(batch, (e) => events.push(e));
  const n = events.length;
  const out: PackedDigest = {
    count: n,
    seqs: new Float64Array(n),
    embedded: new Float64Array(n),
    storedDiffers: new Uint8Array(n),
    columns: new Uint16Array(n),
    leaves: new Uint8Array(n * 32),
  };
  for (let i = 0; i < n; i++) {
    const e = events[i]!;
    const canonical = e.canonical as Buffer;
    const leaf = leafHash(canonical);
    out.leaves.set(leaf, i * 32);
    out.seqs[i] = e.seq;
    out.embedded[i] = readEventSeq(canonical) ?? Number.NaN;
    const stored = e.leafHash;
    out.storedDiffers[i] = stored && !leaf.equals(stored) ? 1 : 0;
    let bits = 0;
    for (const name of columnMismatches(canonical, e.columns)) bits |= 1 << COLUMN_ORDER.indexOf(name);
    out.columns[i] = bits;
  }
  return out;
}

/** The column names a {@link PackedDigest} bitmask stands for, in the order `columnMismatches` gives them. */
export function columnNames(bits: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < COLUMN_ORDER.length; i++) if (bits & (1 << i)) out.push(COLUMN_ORDER[i]!);
  return out;
}
