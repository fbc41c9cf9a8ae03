import { alignedSubtrees } from './aligned-subtrees';
import { readEventSeqAt } from './canonical';
import { COLUMN_ORDER, isoTimeToMicros, signedColumns, utcTimeToMicros, type EventColumns } from './columns';
import { MemberScan } from './member-scan';
import { HASH_SIZE, leafHashAt } from './merkle';
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
  /** Bytes of whole rows handed to a worker at a time (default 1 MiB). */
  batchBytes?: number;
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
    at = readRow(batch, at, f);
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
 * hash differs from it, the seq inside the bytes, and which columns differ from the bytes; and,
 * when the batch's seqs are consecutive, the perfect subtrees over its leaves at the positions
 * those seqs give them (see `alignedSubtrees`).
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
  /**
   * The 0-based tree position of the first event (its seq - 1) when the seqs are consecutive
   * (each one more than the one before), else -1 and `nodes` is empty.
   */
  first: number;
  /** `alignedSubtrees(leaves, first)`. */
  nodes: Uint8Array<ArrayBuffer>;
}

const ALL_COLUMNS = (1 << COLUMN_ORDER.length) - 1;

/** Digests one batch (see {@link PackedDigest}). */
export function digestPacked(batch: Buffer): PackedDigest {
  const n = countRows(batch);
  const out: PackedDigest = {
    count: n,
    seqs: new Float64Array(n),
    embedded: new Float64Array(n),
    storedDiffers: new Uint8Array(n),
    columns: new Uint16Array(n),
    leaves: new Uint8Array(n * HASH_SIZE),
    first: -1,
    nodes: new Uint8Array(0), // not shared: it is transferred
  };
  const leaves = Buffer.from(out.leaves.buffer);
  const f = new Int32Array(FIELDS * 2);
  let at = 0;
  let consecutive = true;
  for (let i = 0; i < n; i++) {
    at = readRow(batch, at, f);
    const seq = fixed(f, 0, 8, 'seq') ? int64(batch, f[0]!) : 0;
    out.seqs[i] = seq;
    if (i > 0 && seq !== out.seqs[i - 1]! + 1) consecutive = false;
    const start = f[2]!;
    const end = f[3]! < 0 ? start : start + f[3]!;
    const leaf = leafHashAt(batch, start, end);
    out.leaves.set(leaf, i * HASH_SIZE);
    out.embedded[i] = readEventSeqAt(batch, start, end) ?? Number.NaN;
    out.storedDiffers[i] = f[5]! >= 0 && !sameBytes(leaf, batch, f[4]!, f[5]!) ? 1 : 0;
    out.columns[i] = columnBits(batch, start, end, f);
  }
  const first = n > 0 ? out.seqs[0]! - 1 : -1;
  if (consecutive && n > 0 && Number.isSafeInteger(first) && first >= 0 && Number.isSafeInteger(first + n)) {
    out.first = first;
    const nodes = alignedSubtrees(leaves, first); // its own memory, so that it can be transferred
    out.nodes = new Uint8Array(nodes.buffer as ArrayBuffer, nodes.byteOffset, nodes.length);
  }
  return out;
}

function countRows(batch: Buffer): number {
  let n = 0;
  let at = 0;
  while (at < batch.length) {
    at += 2;
    for (let i = 0; i < FIELDS; i++) {
      const size = batch.readInt32BE(at);
      at += 4 + (size > 0 ? size : 0);
    }
    n++;
  }
  return n;
}

// Reads the start and size of each field of the row at `at` into `f`; returns the next row's start.
function readRow(batch: Buffer, at: number, f: Int32Array): number {
  at += 2; // the field count, checked by the framer
  for (let i = 0; i < FIELDS; i++) {
    const size = batch.readInt32BE(at);
    at += 4;
    f[2 * i] = at;
    f[2 * i + 1] = size;
    if (size > 0) at += size;
  }
  return at;
}

// The `size` bytes at `a` and at `b` in `bytes` are the same.
function sameRange(bytes: Buffer, a: number, b: number, size: number): boolean {
  for (let i = 0; i < size; i++) if (bytes[a + i] !== bytes[b + i]) return false;
  return true;
}

// `hash` equals the `size` bytes at `at` in `b`.
function sameBytes(hash: Buffer, b: Buffer, at: number, size: number): boolean {
  if (size !== hash.length) return false;
  for (let i = 0; i < size; i++) if (hash[i] !== b[at + i]) return false;
  return true;
}

// The members of the canonical bytes the columns are checked against, in COLUMN_ORDER.
const members = new MemberScan([
  'time',
  'actorId',
  'actorRole',
  'subjectId',
  'action',
  'resource',
  'outcome',
  'requestId',
]);

/**
 * The columns of a row that differ from its canonical bytes, as bits of {@link COLUMN_ORDER}:
 * exactly what `columnMismatches` finds, compared against the column bytes in place. The bytes
 * are read by {@link MemberScan} when they are in its subset (every event the console writes),
 * else parsed as `columnMismatches` parses them.
 */
function columnBits(b: Buffer, start: number, end: number, f: Int32Array): number {
  // The sizes are checked first, as decodePacked does.
  const time = fixed(f, 3, 8, 'occurred_at') ? int64(b, f[6]!) + PG_EPOCH_MICROS : null;
  const actor = fixed(f, 4, 16, 'actor_id') ? f[8]! : -1;
  if (members.scan(b, start, end)) return scannedBits(b, f, time, actor);
  const want = signedColumns(b.toString('utf8', start, end));
  if (want === null) return ALL_COLUMNS;
  let bits = 0;
  // occurred_at: a time the bytes do not carry in a form the database accepts is a mismatch too.
  if (want.timeMicros === null || time !== want.timeMicros) bits |= 1 << 0;
  if (!sameUuid(want.actorId, actor, b)) bits |= 1 << 1;
  const texts = [want.actorRole, want.subjectId, want.action, want.resource, want.outcome, want.requestId];
  for (let k = 0; k < texts.length; k++) if (!sameText(texts[k]!, b, f, 5 + k)) bits |= 1 << (2 + k);
  return bits;
}

// columnBits from the members found by the scan: string members are ASCII without escapes, so
// their text is their bytes.
function scannedBits(b: Buffer, f: Int32Array, time: number | null, actor: number): number {
  const { starts, ends } = members;
  let bits = 0;
  const want =
    starts[0]! < 0
      ? null
      : (utcTimeToMicros(b, starts[0]!, ends[0]!) ?? isoTimeToMicros(b.toString('latin1', starts[0]!, ends[0]!)));
  if (want === null || time !== want) bits |= 1 << 0;
  const actorId = starts[1]! < 0 ? null : b.toString('latin1', starts[1]!, ends[1]!).toLowerCase();
  if (!sameUuid(actorId, actor, b)) bits |= 1 << 1;
  for (let k = 2; k < 8; k++) {
    const at = f[2 * (3 + k)]!;
    const size = f[2 * (3 + k) + 1]!;
    const same =
      size < 0 || starts[k]! < 0
        ? size < 0 && starts[k]! < 0
        : size === ends[k]! - starts[k]! && sameRange(b, at, starts[k]!, size);
    if (!same) bits |= 1 << k;
  }
  return bits;
}

// The uuid column (16 bytes at `at`; -1: NULL) reads back as `want`, lower-case text with dashes.
function sameUuid(want: string | null, at: number, b: Buffer): boolean {
  if (at < 0) return want === null;
  if (want === null || want.length !== 36) return false;
  let c = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) {
      if (want.charCodeAt(c++) !== 0x2d) return false;
    }
    const hex = HEX[b[at + i]!]!;
    if (want.charCodeAt(c++) !== hex.charCodeAt(0) || want.charCodeAt(c++) !== hex.charCodeAt(1)) return false;
  }
  return true;
}

// Text field i reads back (as UTF-8) as `want` (null: NULL). ASCII is compared byte by byte; the
// first non-ASCII character sends the rest to a decode, so the answer is the decoded string's.
function sameText(want: string | null, b: Buffer, f: Int32Array, i: number): boolean {
  const at = f[2 * i]!;
  const size = f[2 * i + 1]!;
  if (size < 0 || want === null) return size < 0 && want === null;
  for (let k = 0; k < want.length; k++) {
    const c = want.charCodeAt(k);
    if (c >= 0x80 || k >= size) return b.toString('utf8', at, at + size) === want;
    // An ASCII byte decodes to itself, any other byte to a non-ASCII character: a difference here is final.
    if (b[at + k] !== c) return false;
  }
  // An ASCII `want` equals the decoded bytes only when there are no more bytes.
  return size === want.length;
}

/** The column names a {@link PackedDigest} bitmask stands for, in the order `columnMismatches` gives them. */
export function columnNames(bits: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < COLUMN_ORDER.length; i++) if (bits & (1 << i)) out.push(COLUMN_ORDER[i]!);
  return out;
}
