// Test support only (excluded from the build): events in PostgreSQL's binary COPY format, as
// `COPY (SELECT <PACKED_EVENT_COLUMNS> …) TO STDOUT (FORMAT binary)` streams them.
import { isoTimeToMicros, type EventColumns } from '../columns';
import type { LogEvent } from '../verifier';

const PG_EPOCH_MICROS = 946_684_800_000_000n;

/** The columns the sequencer would store for these canonical bytes. */
export function columnsOf(canonical: Uint8Array): EventColumns {
  const e = JSON.parse(Buffer.from(canonical).toString('utf8')) as Record<string, string | null>;
  return {
    timeMicros: isoTimeToMicros(e.time),
    actorId: e.actorId ?? null,
    actorRole: e.actorRole ?? null,
    subjectId: e.subjectId ?? null,
    action: e.action ?? null,
    resource: e.resource ?? null,
    outcome: e.outcome ?? null,
    requestId: e.requestId ?? null,
  };
}

function field(value: Buffer | null): Buffer {
  const size = Buffer.alloc(4);
  size.writeInt32BE(value === null ? -1 : value.length);
  return value === null ? size : Buffer.concat([size, value]);
}

function int64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(n);
  return b;
}

const text = (s: string | null) => (s === null ? null : Buffer.from(s, 'utf8'));

/**
 * The whole COPY output for `events` (header, rows, trailer). The actor id column is a uuid:
 * an actor id that is not one is stored as NULL here.
 */
export function packEvents(events: readonly (LogEvent & { columns?: EventColumns | null })[]): Buffer {
  const header = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
  const rows = events.map((e) => {
    const c = e.columns ?? columnsOf(e.canonical);
    const uuid =
      c.actorId !== null && /^[0-9a-f-]{36}$/.test(c.actorId) ? Buffer.from(c.actorId.replace(/-/g, ''), 'hex') : null;
    const count = Buffer.alloc(2);
    count.writeInt16BE(11);
    return Buffer.concat([
      count,
      field(int64(BigInt(e.seq))),
      field(Buffer.from(e.canonical)),
      field(e.leafHash ? Buffer.from(e.leafHash) : null),
      field(c.timeMicros === null ? null : int64(BigInt(c.timeMicros) - PG_EPOCH_MICROS)),
      field(uuid),
      field(text(c.actorRole)),
      field(text(c.subjectId)),
      field(text(c.action)),
      field(text(c.resource)),
      field(text(c.outcome)),
      field(text(c.requestId)),
    ]);
  });
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  return Buffer.concat([header, ...rows, trailer]);
}

/** `bytes` cut into chunks of the given sizes, cycling through them. */
export function chunked(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  for (let at = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}
