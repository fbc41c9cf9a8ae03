import * as crypto from 'node:crypto';

/** Length in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

// crypto.hash (Node >= 20.12) is a one-shot digest without a Hash object; about twice as fast
// for short inputs. Fall back to createHash on older runtimes.
const oneShot = (crypto as { hash?: (alg: string, data: Uint8Array, enc: 'buffer') => Buffer }).hash;
const sha256: (data: Uint8Array) => Buffer = oneShot
  ? (data) => oneShot('sha256', data, 'buffer')
  : (data) => crypto.createHash('sha256').update(data).digest();

const LEAF_PREFIX = Buffer.from([0x00]);
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = 0x01;
let leafScratch = Buffer.alloc(1024);
// One view of the scratch buffer per input length, made once: creating a Buffer view per call
// costs more than the copy.
let leafViews: Buffer[] = [];

/** SHA-256 of the empty string: the root of the empty tree (RFC 6962 s2.1). */
export const EMPTY_ROOT: Buffer = sha256(Buffer.alloc(0));

/** RFC 6962 s2.1 leaf hash: `SHA-256(0x00 || entry)`. */
export function leafHash(entry: Uint8Array): Buffer {
  const needed = entry.length + 1;
  if (needed > 64 * 1024) return crypto.createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
  if (needed > leafScratch.length) {
    leafScratch = Buffer.alloc(Math.max(needed, leafScratch.length * 2));
    leafViews = [];
  }
  leafScratch.set(entry, 1);
  const view = (leafViews[needed] ??= leafScratch.subarray(0, needed));
  return sha256(view);
}

/**
 * {@link leafHash} of `source[start..end)`, read in place: no view of the entry is made, which
 * counts when a million entries lie in a few large buffers.
 */
export function leafHashAt(source: Buffer, start: number, end: number): Buffer {
  const needed = end - start + 1;
  if (needed > 64 * 1024) return leafHash(source.subarray(start, end));
  if (needed > leafScratch.length) {
    leafScratch = Buffer.alloc(Math.max(needed, leafScratch.length * 2));
    leafViews = [];
  }
  // TypedArray#set with a plain view: cheaper than Buffer#copy, whose checks make a view anyway.
  leafScratch.set(new Uint8Array(source.buffer, source.byteOffset + start, end - start), 1);
  const view = (leafViews[needed] ??= leafScratch.subarray(0, needed));
  return sha256(view);
}

/**
 * {@link nodeHash} of the two hashes side by side at `pair` in `source` (left, then right),
 * written to `out` at `at`.
 */
export function nodeHashAt(source: Buffer, pair: number, out: Buffer, at: number): void {
  nodeScratch.set(new Uint8Array(source.buffer, source.byteOffset + pair, 2 * HASH_SIZE), 1);
  out.set(sha256(nodeScratch), at);
}

/** RFC 6962 s2.1 interior node hash: `SHA-256(0x01 || left || right)`. */
export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return sha256(nodeScratch);
}

/** Largest power of two strictly smaller than `n` (n >= 2): the split point k of RFC 6962. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function checkSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

function mth(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return Buffer.from(leaves[start]!);
  const k = splitPoint(n);
  return nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
}

/**
 * Merkle Tree Hash MTH(D[n]) (RFC 6962 s2.1) over already computed leaf hashes; the empty tree
 * hashes to {@link EMPTY_ROOT}.
 */
export function rootHash(leafHashes: readonly Uint8Array[]): Buffer {
  return leafHashes.length === 0 ? Buffer.from(EMPTY_ROOT) : mth(leafHashes, 0, leafHashes.length);
}

function path(leaves: readonly Uint8Array[], m: number, start: number, end: number, out: Buffer[]): void {
  const n = end - start;
  if (n <= 1) return;
  const k = splitPoint(n);
  if (m < k) {
    path(leaves, m, start, start + k, out);
    out.push(mth(leaves, start + k, end));
  } else {
    path(leaves, m - k, start + k, end, out);
    out.push(mth(leaves, start, start + k));
  }
}

/**
 * Audit path PATH(m, D[n]) (RFC 6962 s2.1.1) for the leaf at 0-based `index`: the sibling
 * hashes from the leaf up to the root.
 */
export function inclusionProof(leafHashes: readonly Uint8Array[], index: number): Buffer[] {
  checkSize(index, 'index');
  if (index >= leafHashes.length) throw new RangeError(`index ${index} is outside a tree of ${leafHashes.length}`);
  const out: Buffer[] = [];
  path(leafHashes, index, 0, leafHashes.length, out);
  return out;
}

function subproof(
  leaves: readonly Uint8Array[],
  m: number,
  start: number,
  end: number,
  complete: boolean,
  out: Buffer[],
): void {
  const n = end - start;
  if (m === n) {
    if (!complete) out.push(mth(leaves, start, end));
    return;
  }
  const k = splitPoint(n);
  if (m <= k) {
    subproof(leaves, m, start, start + k, complete, out);
    out.push(mth(leaves, start + k, end));
  } else {
    subproof(leaves, m - k, start + k, end, false, out);
    out.push(mth(leaves, start, start + k));
  }
}

/**
 * Consistency proof PROOF(m, D[n]) (RFC 6962 s2.1.2) between the first `m` leaves and all of
 * `leafHashes`. Empty when `m` is 0 or equals the tree size.
 */
export function consistencyProof(leafHashes: readonly Uint8Array[], m: number): Buffer[] {
  checkSize(m, 'm');
  const n = leafHashes.length;
  if (m > n) throw new RangeError(`m ${m} is larger than the tree (${n})`);
  const out: Buffer[] = [];
  if (m === 0 || m === n) return out;
  subproof(leafHashes, m, 0, n, true, out);
  return out;
}

function equalHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === HASH_SIZE && b.length === HASH_SIZE && Buffer.compare(a, b) === 0;
}

// Tree sizes may exceed 2^32, so shifts are done arithmetically instead of with >>.
const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/**
 * Verifies an inclusion proof with the algorithm of RFC 9162 s2.1.3.2: `true` if `leaf` is the
 * leaf at 0-based `index` of the tree of `treeSize` leaves whose root is `root`.
 */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (leaf.length !== HASH_SIZE) return false;
  let fn = index;
  let sn = treeSize - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (p.length !== HASH_SIZE) return false;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHash(r, root);
}

/**
 * Verifies a consistency proof with the algorithm of RFC 9162 s2.1.4.2: `true` if the tree of
 * `m` leaves with root `rootM` is a prefix of the tree of `n` leaves with root `rootN`.
 * For `m === 0` any empty proof is accepted; for `m === n` the proof must be empty and the
 * roots equal.
 */
export function verifyConsistency(
  m: number,
  n: number,
  rootM: Uint8Array,
  rootN: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(n) || m < 0 || m > n) return false;
  if (m === n) return proof.length === 0 && equalHash(rootM, rootN);
  if (m === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  // An exact power of two: the old root is itself a node of the new tree.
  const path: readonly Uint8Array[] = isPow2(m) ? [rootM, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalHash(fr, rootM) && equalHash(sr, rootN);
}

function isPow2(x: number): boolean {
  while (x > 1) {
    if (isOdd(x)) return false;
    x = half(x);
  }
  return x === 1;
}

/**
 * A saved state of {@link MerkleTreeBuilder}: the tree size and the roots of the perfect
 * subtrees that make up the tree (one per set bit of `treeSize`, largest first), as hex.
 * JSON-serialisable, so a verifier can store it next to the head it verified and resume later.
 */
export interface MerkleFrontier {
  /** Number of leaves covered. */
  treeSize: number;
  /** Perfect subtree roots, left to right (largest subtree first), lowercase hex. */
  nodes: string[];
}

function popcount(x: number): number {
  let c = 0;
  while (x > 0) {
    if (isOdd(x)) c++;
    x = half(x);
  }
  return c;
}

/**
 * Builds an RFC 6962 tree incrementally from leaf hashes in O(log n) memory (the "compact
 * range" or frontier: the roots of the perfect subtrees of the current size). The root at the
 * current size is available at any time in O(log n) hashes.
 */
export class MerkleTreeBuilder {
  private readonly stack: Buffer[];
  private count: number;

  /** Starts an empty tree. Use {@link MerkleTreeBuilder.fromFrontier} to resume. */
  constructor() {
    this.stack = [];
    this.count = 0;
  }

  /**
   * Resumes from a saved {@link MerkleFrontier}.
   * @throws RangeError if the frontier does not have one 32-byte node per set bit of its size.
   */
  static fromFrontier(frontier: MerkleFrontier): MerkleTreeBuilder {
    checkSize(frontier.treeSize, 'treeSize');
    if (!Array.isArray(frontier.nodes) || frontier.nodes.length !== popcount(frontier.treeSize)) {
      throw new RangeError(`a frontier of size ${frontier.treeSize} needs ${popcount(frontier.treeSize)} nodes`);
    }
    const builder = new MerkleTreeBuilder();
    for (const hex of frontier.nodes) {
      if (typeof hex !== 'string' || !/^[0-9a-f]{64}$/i.test(hex)) throw new RangeError('frontier node is not a hash');
      builder.stack.push(Buffer.from(hex, 'hex'));
    }
    builder.count = frontier.treeSize;
    return builder;
  }

  /** Number of leaves appended so far (including those covered by a resumed frontier). */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash (see {@link leafHash}). */
  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new RangeError('a leaf hash is 32 bytes');
    // Stored nodes are never mutated, so a Buffer can be kept without a copy.
    let node: Buffer = Buffer.isBuffer(leaf) ? leaf : Buffer.from(leaf);
    let s = this.count;
    while (isOdd(s)) {
      node = nodeHash(this.stack.pop()!, node);
      s = half(s);
    }
    this.stack.push(node);
    this.count++;
  }

  /**
   * Appends the root of a perfect subtree of `2^height` leaves, as if its leaves were appended one
   * by one; the tree's size must be a multiple of `2^height` (the subtree is aligned).
   */
  appendSubtree(root: Uint8Array, height: number): void {
    if (root.length !== HASH_SIZE) throw new RangeError('a subtree root is 32 bytes');
    const width = 2 ** height;
    if (!Number.isSafeInteger(width) || this.count % width !== 0) {
      throw new RangeError(`a subtree of 2^${height} leaves cannot follow ${this.count} leaves`);
    }
    let node: Buffer = Buffer.isBuffer(root) ? root : Buffer.from(root);
    let s = this.count / width;
    while (isOdd(s)) {
      node = nodeHash(this.stack.pop()!, node);
      s = half(s);
    }
    this.stack.push(node);
    this.count += width;
  }

  /** MTH of all leaves appended so far. */
  root(): Buffer {
    const n = this.stack.length;
    if (n === 0) return Buffer.from(EMPTY_ROOT);
    let r = this.stack[n - 1]!;
    for (let i = n - 2; i >= 0; i--) r = nodeHash(this.stack[i]!, r);
    return n === 1 ? Buffer.from(r) : r;
  }

  /** Saves the current state; see {@link MerkleTreeBuilder.fromFrontier}. */
  toFrontier(): MerkleFrontier {
    return { treeSize: this.count, nodes: this.stack.map((h) => h.toString('hex')) };
  }

  /** An independent copy (used to follow several candidate histories at once). */
  clone(): MerkleTreeBuilder {
    const copy = new MerkleTreeBuilder();
    copy.stack.push(...this.stack);
    copy.count = this.count;
    return copy;
  }
}
