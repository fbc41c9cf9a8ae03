import type { KeyObject } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { readEventSeq } from './canonical';
import { columnMismatches, type EventColumns } from './columns';
import { DigestPool } from './digest-pool';
import { columnNames, PackedFramer, type PackedDigest, type PackedEvents } from './packed';
import { leafHash, MerkleFrontier, MerkleTreeBuilder } from './merkle';
import { appendAligned } from './aligned-subtrees';
import { checkHeadSequence, isWellFormedHead, SignedTreeHead, verifyTreeHead } from './tree-head';

/** One stored event as the verifier reads it (from the database or an export). */
export interface LogEvent {
  /** The event's position as stored (1-based). */
  seq: number;
  /** The exact canonical bytes that were hashed (see `encodeEvent`). */
  canonical: Uint8Array;
  /**
   * The leaf hash stored next to the event, if the source has one. It is never trusted; when
   * it disagrees with the bytes it pins the exact event that was changed.
   */
  leafHash?: Uint8Array | null;
  /**
   * The plain columns stored beside the bytes (database sources). Each is compared with the
   * bytes; a column that differs is reported as `modified` at this seq, since search, filters and
   * retention read the columns, not the signed bytes.
   */
  columns?: EventColumns | null;
}

/**
 * What went wrong:
 * - `modified`: an event's bytes are not the ones a signed head covers;
 * - `missing`: a seq is absent while later ones are present (or events were renumbered to hide it);
 * - `inserted`: a seq appears more than once, or extra events were slipped in and the rest renumbered;
 * - `reordered`: events come out of seq order, or events swapped places (the event at one seq
 *   carries another's seq, and that seq holds a foreign event too);
 * - `truncated`: the log ends before the size of the latest signed head;
 * - `bad_signature`: a head is malformed, names an unknown key, or its signature fails;
 * - `head_regression`: a head is smaller or not later than its predecessor, or two heads of one
 *   size disagree.
 */
export type ProblemKind =
  'modified' | 'missing' | 'inserted' | 'reordered' | 'truncated' | 'bad_signature' | 'head_regression';

/** The signed head a problem refers to. */
export interface ProblemHead {
  /** Index of the head in the list given to {@link verifyLog}. */
  index: number;
  /** Its tree size. */
  treeSize: number;
  /** Its timestamp. */
  timestamp: string;
}

/** One finding of {@link verifyLog}. */
export interface Problem {
  /** What kind of tampering this is. */
  kind: ProblemKind;
  /** First affected seq; `null` for problems with the heads themselves. */
  seq: number | null;
  /**
   * `false` when the evidence only bounds the first affected event to `seq..lastSeq` (the
   * changed events were rewritten together with their stored hashes, so only the signed root
   * of the range disagrees, and a root cannot say which of its leaves differs).
   */
  exact: boolean;
  /** Last seq of the affected range, when one is known. */
  lastSeq?: number;
  /** The signed head that exposed the problem, or that the problem is about. */
  head?: ProblemHead;
  /** One-line explanation, without the kind and seq (see {@link formatProblem}). */
  message: string;
}

/** Where to resume incremental verification: a verified head's size and the tree state at it. */
export interface VerifyCheckpoint {
  /** The size of the verified head. */
  treeSize: number;
  /** The Merkle frontier at that size (see `MerkleTreeBuilder.toFrontier`). */
  frontier: MerkleFrontier;
}

/** Input of {@link verifyLog}. */
export interface VerifyOptions {
  /**
   * The events, ideally in seq order (the database reads `ORDER BY seq`): one by one, or as a
   * database's binary COPY stream ({@link PackedEvents}), which is hashed on worker threads.
   */
  events: Iterable<LogEvent> | AsyncIterable<LogEvent> | PackedEvents;
  /** Every saved head, in the order they were issued. */
  heads: readonly SignedTreeHead[];
  /** Trusted public keys by key id (see `keyIdOf`). */
  publicKeys: ReadonlyMap<string, KeyObject>;
  /**
   * Resume from a checkpoint returned by an earlier run ({@link VerifyResult.resume}): events
   * with `seq <= from.treeSize` are skipped, so only the newer ones need to be read.
   */
  from?: VerifyCheckpoint;
  /**
   * How many events may arrive ahead of a missing seq before it is declared missing rather than
   * late (only leaf hashes are held; default 65,536).
   */
  reorderWindow?: number;
  /** Compare each event's row seq with the `seq` inside its canonical bytes (default true). */
  checkEmbeddedSeq?: boolean;
  /** Stop recording problems after this many (default 1,000). */
  maxProblems?: number;
}

/** Result of {@link verifyLog}. */
export interface VerifyResult {
  /** `true` when no problem was found. */
  ok: boolean;
  /** Events read (duplicates included, skipped ones excluded). */
  checked: number;
  /** Highest seq read. */
  lastSeq: number;
  /** Signed heads whose root was recomputed and matched. */
  headsVerified: number;
  /** Validly signed heads that could not be checked because an earlier problem broke the tree. */
  headsUnverified: number;
  /** The largest head that verified, with all before it intact; `null` if none. */
  latestVerifiedHead: SignedTreeHead | null;
  /** Checkpoint at {@link latestVerifiedHead}, to verify only newer events next time. */
  resume: VerifyCheckpoint | null;
  /** Events after the latest signed head (valid so far, but no signature covers them yet). */
  unsignedEvents: number;
  /** Problems, head problems first, then by seq. */
  problems: Problem[];
  /** Problems found beyond `maxProblems` and not recorded. */
  problemsDropped: number;
}

interface Candidate {
  leaf: Buffer;
  /** A stored leaf hash was given and differs from `leaf`. */
  storedDiffers: boolean;
  embedded: number | null;
}

interface Hint {
  seq: number;
  embedded: number | null;
  message: string;
}

// `hint` follows `previous` in a run of events all renumbered by the same offset.
function continuesShift(previous: Hint, hint: Hint): boolean {
  return (
    hint.seq === previous.seq + 1 &&
    hint.embedded !== null &&
    previous.embedded !== null &&
    hint.embedded === previous.embedded + 1
  );
}

// A run of hints whose embedded seqs are shifted by a constant means events were renumbered
// around a deletion or insertion; an event whose seq is held by another displaced event means
// events swapped places; anything else is a modified event.
function classify(first: Hint, next: Hint | undefined, at?: (seq: number) => Hint | undefined): Omit<Problem, 'head'> {
  const e = first.embedded;
  const shifted = e !== null && e !== first.seq && next !== undefined && continuesShift(first, next);
  if (shifted && e < first.seq) {
    return {
      kind: 'inserted',
      seq: e,
      exact: true,
      lastSeq: first.seq - 1,
      message: `${first.seq - e} event(s) were inserted at seq ${e} and later events renumbered (seq ${first.seq} holds the event written as seq ${e})`,
    };
  }
  if (shifted && e > first.seq) {
    return {
      kind: 'missing',
      seq: first.seq,
      exact: true,
      lastSeq: e - 1,
      message: `${e - first.seq} event(s) were deleted at seq ${first.seq} and later events renumbered (seq ${first.seq} holds the event written as seq ${e})`,
    };
  }
  const displaced = e !== null && e !== first.seq ? at?.(e) : undefined;
  if (!shifted && displaced !== undefined && displaced.embedded !== null && displaced.embedded !== e) {
    return {
      kind: 'reordered',
      seq: first.seq,
      exact: true,
      message: `seq ${first.seq} holds the event written as seq ${e}, and seq ${e} holds the one written as seq ${displaced.embedded}: events were swapped`,
    };
  }
  return { kind: 'modified', seq: first.seq, exact: true, message: first.message };
}

// A JS loop: for 32 bytes it is several times cheaper than a call into Buffer.compare.
function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

interface Fork {
  builder: MerkleTreeBuilder;
  choices: { seq: number; copy: number; of: number }[];
}

const MAX_FORKS = 16;

/**
 * Rebuilds the RFC 6962 tree from the events and checks it against the signed heads, reporting
 * the first affected seq of every kind of tampering (see {@link ProblemKind}). Streams: memory
 * is O(log n) plus what arrives out of order, so a million events need no more than a few MB.
 *
 * How each case is told apart:
 * - seq gaps, repeats and disorder are seen directly in the seqs read;
 * - a changed event makes the root of the first head covering it differ; the event is named
 *   exactly when its stored leaf hash or its embedded seq disagrees, and otherwise the range
 *   between the last matching head and that head is reported (`exact: false`);
 * - events renumbered to hide a deletion or insertion carry their original seq inside their
 *   bytes, so the shift names the seq where it starts;
 * - a repeated seq is followed both ways until the next head says which copy is genuine.
 */
export async function verifyLog(options: VerifyOptions): Promise<VerifyResult> {
  const run = new VerificationRun(options);
  const events = options.events;
  if ('packed' in events) {
    await pushPacked(run, events);
  } else if (Symbol.asyncIterator in events) {
    for await (const event of events) run.push(event);
  } else {
    for (const event of events) run.push(event);
  }
  return run.finish();
}

// Frames the COPY stream into batches as it arrives, digests them on the pool, and feeds the
// digests to the run in stream order; reading stops while too many batches wait.
async function pushPacked(run: VerificationRun, source: PackedEvents): Promise<void> {
  const pool = new DigestPool(source.workers ?? availableParallelism());
  const waiting: { digest: Promise<PackedDigest>; done: PackedDigest | null }[] = [];
  const send = (batch: Buffer) => {
    const entry: (typeof waiting)[number] = { digest: pool.digest(batch), done: null };
    entry.digest.then(
      (d) => {
        entry.done = d;
      },
      () => undefined, // awaited in order below
    );
    waiting.push(entry);
  };
  const take = async () => run.pushDigest(await waiting.shift()!.digest);
  try {
    const framer = new PackedFramer(source.batchBytes);
    for await (const chunk of source.packed) {
      for (const batch of framer.push(chunk)) send(batch);
      while (waiting.length > 0 && (waiting[0]!.done !== null || waiting.length > pool.depth)) await take();
    }
    const last = framer.end();
    if (last.length > 0) send(last);
    while (waiting.length > 0) await take();
  } finally {
    await pool.close();
  }
}

class VerificationRun {
  private readonly base: number;
  private readonly window: number;
  private readonly checkEmbedded: boolean;
  private readonly maxProblems: number;
  private readonly problems: Problem[] = [];
  private dropped = 0;

  // Ordering stage.
  private expected: number;
  private maxSeen: number;
  private readonly pending = new Map<number, Candidate[]>();
  // Fast path for events in order: the slot of the highest seq, held outside `pending` while
  // nothing else is pending (a Map insert and delete per event are measurable at 1M events).
  private held: { seq: number; candidates: Candidate[] } | null = null;
  private checked = 0;
  private episodeMinLate: number | null = null;
  private episodeAfter = 0;

  // Tree stage.
  private forks: Fork[];
  private treeBroken = false;
  private diverged = false;
  private readonly targets: { size: number; heads: { head: SignedTreeHead; index: number }[] }[];
  private targetIndex = 0;
  private rangeStart: number;
  private hints = new Map<number, Hint>();
  private headsVerified = 0;
  private headsFailed = 0;
  private targetHeads = 0;
  private latestVerified: SignedTreeHead | null = null;
  private resume: VerifyCheckpoint | null = null;
  private readonly latestSignedSize: number;

  constructor(options: VerifyOptions) {
    this.window = options.reorderWindow ?? 65_536;
    this.checkEmbedded = options.checkEmbeddedSeq ?? true;
    this.maxProblems = options.maxProblems ?? 1000;
    const builder = options.from ? MerkleTreeBuilder.fromFrontier(options.from.frontier) : new MerkleTreeBuilder();
    this.base = builder.size;
    this.expected = this.base + 1;
    this.maxSeen = this.base;
    this.rangeStart = this.base + 1;
    this.forks = [{ builder, choices: [] }];

    const valid = this.checkHeads(options.heads, options.publicKeys);
    const bySize = new Map<number, { head: SignedTreeHead; index: number }[]>();
    for (const entry of valid) {
      const list = bySize.get(entry.head.treeSize) ?? [];
      list.push(entry);
      bySize.set(entry.head.treeSize, list);
    }
    this.latestSignedSize = Math.max(0, ...valid.map((v) => v.head.treeSize));
    const atBase = bySize.get(this.base);
    if (atBase) this.checkTarget(this.base, atBase);
    this.targets = [...bySize.entries()]
      .filter(([size]) => size > this.base)
      .sort(([a], [b]) => a - b)
      .map(([size, heads]) => ({ size, heads }));
    this.targetHeads = this.targets.reduce((n, t) => n + t.heads.length, 0);
  }

  private checkHeads(
    heads: readonly SignedTreeHead[],
    keys: ReadonlyMap<string, KeyObject>,
  ): { head: SignedTreeHead; index: number }[] {
    const valid: { head: SignedTreeHead; index: number }[] = [];
    heads.forEach((head, index) => {
      if (!isWellFormedHead(head)) {
        this.report({ kind: 'bad_signature', seq: null, exact: true, message: `tree head ${index} is malformed` });
        return;
      }
      const ref = { index, treeSize: head.treeSize, timestamp: head.timestamp };
      const key = keys.get(head.keyId);
      if (!key) {
        this.report({
          kind: 'bad_signature',
          seq: null,
          exact: true,
          head: ref,
          message: `tree head of size ${head.treeSize} (${head.timestamp}) is signed by unknown key ${head.keyId}`,
        });
      } else if (!verifyTreeHead(key, head)) {
        this.report({
          kind: 'bad_signature',
          seq: null,
          exact: true,
          head: ref,
          message: `tree head of size ${head.treeSize} (${head.timestamp}) has an invalid signature`,
        });
      } else {
        valid.push({ head, index });
      }
    });
    for (const issue of checkHeadSequence(valid.map((v) => v.head))) {
      const { head, index } = valid[issue.index]!;
      this.report({
        kind: 'head_regression',
        seq: null,
        exact: true,
        head: { index, treeSize: head.treeSize, timestamp: head.timestamp },
        message: issue.message.replace(`head ${issue.index}`, `tree head ${index}`),
      });
    }
    return valid;
  }

  push(event: LogEvent): void {
    const seq = event.seq;
    if (!this.admit(seq)) return;
    const canonical = Buffer.isBuffer(event.canonical)
      ? event.canonical
      : Buffer.from(event.canonical.buffer, event.canonical.byteOffset, event.canonical.byteLength);
    if (event.columns) this.reportColumns(seq, columnMismatches(canonical, event.columns));
    const leaf = leafHash(canonical);
    this.place(seq, {
      leaf,
      storedDiffers: !!event.leafHash && !sameHash(leaf, event.leafHash),
      embedded: this.checkEmbedded ? readEventSeq(canonical) : seq,
    });
  }

  /** The events of a digested batch (see `digestPacked`), in the order they were read. */
  pushDigest(d: PackedDigest): void {
    if (this.continuesInOrder(d)) this.pushRun(d);
    else for (let i = 0; i < d.count; i++) this.pushDigested(d, i);
  }

  private pushDigested(d: PackedDigest, i: number): void {
    const seq = d.seqs[i]!;
    if (!this.admit(seq)) return;
    if (d.columns[i] !== 0) this.reportColumns(seq, columnNames(d.columns[i]!));
    this.place(seq, this.candidateOf(d, i));
  }

  private candidateOf(d: PackedDigest, i: number): Candidate {
    return {
      leaf: Buffer.from(d.leaves.buffer, d.leaves.byteOffset + i * 32, 32),
      storedDiffers: d.storedDiffers[i] === 1,
      embedded: this.embeddedOf(d, i),
    };
  }

  // The seq event i's bytes carry, as the checks see it (its own seq when they are not made).
  private embeddedOf(d: PackedDigest, i: number): number | null {
    const embedded = d.embedded[i]!;
    return !this.checkEmbedded ? d.seqs[i]! : Number.isNaN(embedded) ? null : embedded;
  }

  // A batch of consecutive seqs (so no duplicates, gaps or disorder inside it) that follows the
  // event held last, on an intact tree whose size is that event's position.
  private continuesInOrder(d: PackedDigest): boolean {
    const held = this.held;
    return (
      d.first >= 0 &&
      d.count > 1 &&
      held !== null &&
      !this.treeBroken &&
      !this.diverged &&
      d.seqs[0] === held.seq + 1 &&
      this.forks.every((f) => f.builder.size === held.seq - 1)
    );
  }

  /**
   * {@link pushDigested} for every event of a batch that {@link continuesInOrder}, with the same
   * findings in the same order, but without a slot per event: each event (but the last, held as
   * place() holds it) is emitted as {@link emit} would, and the tree grows by the batch's aligned
   * subtrees, hashed on the worker thread, up to each signed head and to the end of the batch.
   */
  private pushRun(d: PackedDigest): void {
    const n = d.count;
    const run = {
      leaves: Buffer.from(d.leaves.buffer, d.leaves.byteOffset, n * 32),
      nodes: Buffer.from(d.nodes.buffer, d.nodes.byteOffset, d.nodes.byteLength),
      first: d.first,
    };
    // The first event emits the one held before it and is held in turn.
    this.pushDigested(d, 0);
    for (let i = 1; i < n; i++) {
      // As pushDigested does for seq d.seqs[i], placing it after d.seqs[i - 1].
      this.checked++;
      if (d.columns[i] !== 0) this.reportColumns(d.seqs[i]!, columnNames(d.columns[i]!));
      const seq = d.seqs[i - 1]!;
      const target = this.targets[this.targetIndex];
      const atTarget = target !== undefined && target.size === seq;
      if (atTarget) this.targetIndex++;
      if (this.diverged) continue;
      this.hint(seq, d.storedDiffers[i - 1] === 1, this.embeddedOf(d, i - 1));
      if (atTarget) {
        for (const fork of this.forks) appendAligned(fork.builder, run, seq);
        this.checkTarget(seq, target.heads);
      }
    }
    if (!this.diverged) for (const fork of this.forks) appendAligned(fork.builder, run, d.seqs[n - 1]! - 1);
    const last = d.seqs[n - 1]!;
    this.held = { seq: last, candidates: [this.candidateOf(d, n - 1)] };
    this.maxSeen = last;
    this.expected = last;
  }

  // Counts an event; false when it is not to be placed (an invalid seq, or one before the checkpoint).
  private admit(seq: number): boolean {
    if (!Number.isSafeInteger(seq) || seq < 1) {
      this.checked++;
      this.report({ kind: 'inserted', seq: null, exact: false, message: `an event has an invalid seq (${seq})` });
      return false;
    }
    if (seq <= this.base) return false;
    this.checked++;
    return true;
  }

  private reportColumns(seq: number, differ: string[]): void {
    if (differ.length === 0) return;
    this.report({
      kind: 'modified',
      seq,
      exact: true,
      message: `stored column${differ.length === 1 ? '' : 's'} ${differ.join(', ')} differ${differ.length === 1 ? 's' : ''} from the signed event bytes`,
    });
  }

  // The ordering stage: in seq order, duplicates kept together, gaps and disorder reported.
  private place(seq: number, candidate: Candidate): void {
    const held = this.held;
    if (held !== null) {
      if (seq === held.seq + 1) {
        this.held = { seq, candidates: [candidate] };
        this.maxSeen = seq;
        this.emit(held.seq, held.candidates);
        this.expected = seq;
        return;
      }
      if (seq === held.seq) {
        held.candidates.push(candidate);
        return;
      }
      this.unhold();
    }
    if (seq < this.expected) {
      this.report({
        kind: 'inserted',
        seq,
        exact: true,
        message: `seq ${seq} appears again after later events; the extra copy is not part of the log`,
      });
      return;
    }
    const existing = this.pending.get(seq);
    if (existing) {
      existing.push(candidate);
    } else {
      if (seq < this.maxSeen) {
        if (this.episodeMinLate === null || seq < this.episodeMinLate) this.episodeMinLate = seq;
        this.episodeAfter = this.maxSeen;
      }
      this.pending.set(seq, [candidate]);
      if (seq > this.maxSeen) this.maxSeen = seq;
    }
    this.drain(false);
    if (this.pending.size > this.window) this.declareGap();
    if (this.pending.size === 1 && this.expected === this.maxSeen && this.episodeMinLate === null) {
      this.held = { seq: this.expected, candidates: this.pending.get(this.expected)! };
      this.pending.clear();
    }
  }

  private unhold(): void {
    if (this.held === null) return;
    this.pending.set(this.held.seq, this.held.candidates);
    this.held = null;
  }

  // Emits slots in seq order. A slot is held until a larger seq arrives, so that an adjacent
  // duplicate joins it instead of arriving late.
  private drain(final: boolean): void {
    for (;;) {
      const slot = this.pending.get(this.expected);
      if (!slot || (!final && this.expected >= this.maxSeen)) break;
      this.pending.delete(this.expected);
      this.emit(this.expected, slot);
      this.expected++;
    }
    if (this.episodeMinLate !== null && (this.pending.size === 0 || this.expected === this.maxSeen)) {
      const first = this.episodeMinLate;
      this.episodeMinLate = null;
      this.report({
        kind: 'reordered',
        seq: first,
        exact: true,
        message: `seq ${first} comes after seq ${this.episodeAfter}; events are out of seq order`,
      });
    }
  }

  private declareGap(): void {
    let next = Infinity;
    for (const seq of this.pending.keys()) if (seq < next) next = seq;
    const missing = next - this.expected;
    this.report({
      kind: 'missing',
      seq: this.expected,
      exact: true,
      lastSeq: next - 1,
      message:
        missing === 1
          ? `seq ${this.expected} is absent (seq ${next} follows seq ${this.expected - 1})`
          : `seqs ${this.expected}..${next - 1} are absent (${missing} events)`,
    });
    this.breakTree();
    this.expected = next;
    this.episodeMinLate = null;
    this.drain(false);
  }

  private breakTree(): void {
    if (this.treeBroken) return;
    this.flushHints();
    this.treeBroken = true;
  }

  private emit(seq: number, candidates: Candidate[]): void {
    if (this.treeBroken) return;
    const target = this.targets[this.targetIndex];
    const atTarget = target !== undefined && target.size === seq;
    if (atTarget) this.targetIndex++;
    if (candidates.length > 1) {
      this.report({
        kind: 'inserted',
        seq,
        exact: true,
        message: `seq ${seq} appears ${candidates.length} times`,
      });
    } else if (!this.diverged) {
      this.hint(seq, candidates[0]!.storedDiffers, candidates[0]!.embedded);
    }
    if (this.diverged) return;
    if (candidates.length === 1) {
      for (const fork of this.forks) fork.builder.append(candidates[0]!.leaf);
    } else {
      const next: Fork[] = [];
      for (const fork of this.forks) {
        candidates.forEach((c, copy) => {
          if (copy > 0 && this.forks.length * candidates.length > MAX_FORKS) return;
          const builder = copy === candidates.length - 1 ? fork.builder : fork.builder.clone();
          builder.append(c.leaf);
          next.push({ builder, choices: [...fork.choices, { seq, copy, of: candidates.length }] });
        });
      }
      this.forks = next;
    }
    if (atTarget) this.checkTarget(seq, target.heads);
  }

  // Notes what may locate a change at `seq`, the only event at it: a stored hash that differs, or
  // bytes that carry another seq (or none).
  private hint(seq: number, storedDiffers: boolean, embedded: number | null): void {
    if (storedDiffers) {
      this.hints.set(seq, { seq, embedded, message: 'event bytes do not match the stored leaf hash' });
    } else if (embedded !== seq) {
      this.hints.set(seq, {
        seq,
        embedded,
        message: embedded === null ? 'event bytes carry no seq' : `event bytes carry seq ${embedded}`,
      });
    }
  }

  private checkTarget(size: number, heads: { head: SignedTreeHead; index: number }[]): void {
    if (this.diverged) return;
    const roots = this.forks.map((f) => f.builder.root().toString('hex'));
    const forkIndex = roots.findIndex((r) => heads.some((h) => h.head.rootHash === r));
    if (forkIndex >= 0) {
      const fork = this.forks[forkIndex]!;
      this.annotateChoices(fork, size);
      this.forks = [{ builder: fork.builder, choices: [] }];
      const matching = heads.filter((h) => h.head.rootHash === roots[forkIndex]);
      this.headsVerified += matching.length;
      this.flushHints();
      if (this.problems.every((p) => p.seq === null || p.kind === 'bad_signature' || p.kind === 'head_regression')) {
        this.latestVerified = matching[matching.length - 1]!.head;
        this.resume = { treeSize: size, frontier: fork.builder.toFrontier() };
      }
      this.rangeStart = size + 1;
      return;
    }
    const { head, index } = heads[heads.length - 1]!;
    const ref: ProblemHead = { index, treeSize: head.treeSize, timestamp: head.timestamp };
    const against = `the signed tree head of size ${head.treeSize} (${head.timestamp})`;
    if (size === this.base) {
      this.report({
        kind: 'modified',
        seq: null,
        exact: false,
        head: ref,
        message: `the saved checkpoint does not match ${against}`,
      });
    } else {
      const located = this.locate();
      if (located) {
        this.report({ ...located, head: ref, message: `${located.message}; the root differs from ${against}` });
      } else {
        const exact = this.rangeStart === size;
        this.report({
          kind: 'modified',
          seq: this.rangeStart,
          exact,
          lastSeq: size,
          head: ref,
          message: exact
            ? `leaf hash differs from ${against}`
            : `an event in ${this.rangeStart}..${size} differs from ${against} (the stored hashes were rewritten too, so the root cannot say which)`,
        });
      }
    }
    if (size > this.base) this.headsFailed += heads.length;
    this.hints.clear();
    this.diverged = true;
    this.forks = [this.forks[0]!];
  }

  private annotateChoices(fork: Fork, size: number): void {
    for (const choice of fork.choices) {
      const problem = this.problems.find((p) => p.kind === 'inserted' && p.seq === choice.seq);
      if (problem) {
        problem.message += `; copy ${choice.copy + 1} of ${choice.of} is the one the signed head of size ${size} covers`;
      }
    }
  }

  // Turns the earliest hint of the current range into a problem.
  private locate(): Omit<Problem, 'head'> | null {
    if (this.hints.size === 0) return null;
    const first = [...this.hints.values()].sort((a, b) => a.seq - b.seq)[0]!;
    return classify(first, this.hints.get(first.seq + 1), (seq) => this.hints.get(seq));
  }

  // Hints outside a failing range: in a range whose root matched (only a stored hash column
  // was altered) or after the latest head (no signature covers them yet). A run of hints that
  // continues one shift is reported once.
  private flushHints(): void {
    const sorted = [...this.hints.values()].sort((a, b) => a.seq - b.seq);
    const bySeq = new Map(this.hints);
    this.hints.clear();
    // The other half of a swap already reported.
    const partners = new Set<number>();
    let previous: Hint | undefined;
    for (const hint of sorted) {
      const continues = previous !== undefined && continuesShift(previous, hint);
      previous = hint;
      if (continues || partners.has(hint.seq)) continue;
      const following = sorted.find((h) => h.seq === hint.seq + 1);
      const located = classify(hint, following, (seq) => bySeq.get(seq));
      if (located.kind === 'reordered' && hint.embedded !== null) partners.add(hint.embedded);
      this.report({
        ...located,
        message: `${located.message} (no signed head covers it yet, or only its stored hash was altered)`,
      });
    }
  }

  finish(): VerifyResult {
    this.unhold();
    this.drain(true);
    while (this.pending.size > 0) {
      this.declareGap();
      this.drain(true);
    }
    if (!this.treeBroken && !this.diverged) this.flushHints();
    if (this.maxSeen < this.latestSignedSize) {
      const first = this.maxSeen + 1;
      const count = this.latestSignedSize - this.maxSeen;
      this.report({
        kind: 'truncated',
        seq: first,
        exact: true,
        lastSeq: this.latestSignedSize,
        message: `the log ends at seq ${this.maxSeen} but a signed tree head covers ${this.latestSignedSize} events (${count} missing at the end)`,
      });
    }
    const problems = [...this.problems].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    return {
      ok: problems.length === 0 && this.dropped === 0,
      checked: this.checked,
      lastSeq: this.maxSeen,
      headsVerified: this.headsVerified,
      headsUnverified: this.targetHeads - this.headsVerified - this.headsFailed,
      latestVerifiedHead: this.latestVerified,
      resume: this.resume,
      unsignedEvents: Math.max(0, this.maxSeen - Math.max(this.latestSignedSize, this.base)),
      problems,
      problemsDropped: this.dropped,
    };
  }

  private report(problem: Problem): void {
    if (this.problems.length >= this.maxProblems) this.dropped++;
    else this.problems.push(problem);
  }
}

/**
 * Formats a problem as one line, e.g.
 * `MODIFIED first affected seq 1234: leaf hash differs from the signed tree head of size 2000 (...)`.
 */
export function formatProblem(problem: Problem): string {
  const kind = problem.kind.toUpperCase();
  if (problem.seq === null) return `${kind}: ${problem.message}`;
  const where =
    problem.exact || problem.lastSeq === undefined
      ? `first affected seq ${problem.seq}`
      : `first affected seq ${problem.seq} (somewhere in ${problem.seq}..${problem.lastSeq})`;
  return `${kind} ${where}: ${problem.message}`;
}
