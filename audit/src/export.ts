import { createPublicKey, KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { keyIdOf, SignedTreeHead } from './tree-head';
import type { LogEvent } from './verifier';

/**
 * One line of an events export (JSON Lines, UTF-8, one event per line, in seq order):
 * `{"seq":1,"canonical":"<base64>","leafHash":"<hex>"}`.
 *
 * The canonical bytes are carried as base64 rather than as the event JSON itself, so that the
 * exact hashed bytes survive any tool that re-serialises JSON. `leafHash` is the hash stored by
 * the sequencer; it is optional and never trusted, only used to pin a changed event exactly.
 */
export interface ExportLine {
  /** The event's seq. */
  seq: number;
  /** Its canonical bytes, base64. */
  canonical: string;
  /** Its stored RFC 6962 leaf hash, hex (optional). */
  leafHash?: string;
}

/** Raised for an export that cannot be read as such (the verifier cannot run on it). */
export class ExportFormatError extends Error {
  /** @param line 1-based line number, when the problem is on one line. */
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'ExportFormatError';
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Formats one event as an export line (without the newline). */
export function formatEventLine(event: LogEvent): string {
  const line: ExportLine = {
    seq: event.seq,
    canonical: Buffer.from(event.canonical).toString('base64'),
  };
  if (event.leafHash) line.leafHash = Buffer.from(event.leafHash).toString('hex');
  return JSON.stringify(line);
}

/**
 * Parses one export line.
 * @throws ExportFormatError if it is not an {@link ExportLine}.
 */
export function parseEventLine(text: string, lineNumber?: number): LogEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFormatError('not JSON', lineNumber);
  }
  if (typeof value !== 'object' || value === null) throw new ExportFormatError('not an object', lineNumber);
  const line = value as Record<string, unknown>;
  if (typeof line.seq !== 'number' || !Number.isSafeInteger(line.seq)) {
    throw new ExportFormatError('seq is not an integer', lineNumber);
  }
  if (typeof line.canonical !== 'string' || !BASE64.test(line.canonical)) {
    throw new ExportFormatError('canonical is not base64', lineNumber);
  }
  const event: LogEvent = { seq: line.seq, canonical: Buffer.from(line.canonical, 'base64') };
  if (line.leafHash !== undefined && line.leafHash !== null) {
    if (typeof line.leafHash !== 'string' || !HEX64.test(line.leafHash)) {
      throw new ExportFormatError('leafHash is not a 32-byte hex hash', lineNumber);
    }
    event.leafHash = Buffer.from(line.leafHash, 'hex');
  }
  return event;
}

/**
 * Streams the events of an export file (blank lines are skipped).
 * @throws ExportFormatError on a malformed line; file system errors as thrown by node:fs.
 */
export async function* readEventsFile(path: string): AsyncGenerator<LogEvent> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let n = 0;
  for await (const text of lines) {
    n++;
    if (text.trim() === '') continue;
    yield parseEventLine(text, n);
  }
}

/** Writes events to an export file; resolves to the number written. */
export async function writeEventsFile(
  path: string,
  events: Iterable<LogEvent> | AsyncIterable<LogEvent>,
): Promise<number> {
  const out = createWriteStream(path);
  let count = 0;
  try {
    for await (const event of events) {
      if (!out.write(`${formatEventLine(event)}\n`)) await once(out, 'drain');
      count++;
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return count;
}

/**
 * Parses a heads export: a JSON array of {@link SignedTreeHead}, or an object with a `heads`
 * array. Heads are returned in file order (the order they were issued). Shape is not checked
 * here; the verifier reports a malformed head as `bad_signature`.
 * @throws ExportFormatError if the text is not such JSON.
 */
export function parseHeads(text: string): SignedTreeHead[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ExportFormatError('heads file is not JSON');
  }
  const list =
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as { heads?: unknown }).heads : value;
  if (!Array.isArray(list)) throw new ExportFormatError('heads file is neither an array nor { "heads": [...] }');
  return list as SignedTreeHead[];
}

/** Formats heads as the export's heads file (pretty JSON array, trailing newline). */
export function formatHeads(heads: readonly SignedTreeHead[]): string {
  return `${JSON.stringify(heads, null, 2)}\n`;
}

/** Reads a heads file (see {@link parseHeads}). */
export async function readHeadsFile(path: string): Promise<SignedTreeHead[]> {
  return parseHeads(await readFile(path, 'utf8'));
}

/** Writes a heads file (see {@link formatHeads}). */
export async function writeHeadsFile(path: string, heads: readonly SignedTreeHead[]): Promise<void> {
  await writeFile(path, formatHeads(heads));
}

/**
 * Loads every Ed25519 public key in a PEM text (one or more `PUBLIC KEY` blocks), keyed by
 * key id as `verifyLog` expects.
 * @throws ExportFormatError if there is no key or a key is not Ed25519.
 */
export function parsePublicKeys(pem: string): Map<string, KeyObject> {
  const blocks = pem.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [];
  if (blocks.length === 0) throw new ExportFormatError('no PEM public key found');
  const keys = new Map<string, KeyObject>();
  for (const block of blocks) {
    let key: KeyObject;
    try {
      key = createPublicKey(block);
    } catch {
      throw new ExportFormatError('unreadable PEM public key');
    }
    if (key.asymmetricKeyType !== 'ed25519') throw new ExportFormatError('public key is not Ed25519');
    keys.set(keyIdOf(key), key);
  }
  return keys;
}
