import { EMPTY_ROOT, nodeHash, type MerkleFrontier } from '@poc/audit';
import { STORED_MIN_LEVEL } from './subtree';

/** Where a {@link StoredTree} reads hashes: the stored subtree roots and the leaf hashes. */
export interface TreeNodeSource {
  /** Stored roots of the asked subtrees (level >= STORED_MIN_LEVEL); absent ones are left out. */
  nodes(keys: readonly { level: number; index: number }[]): Promise<{ level: number; index: number; hash: Buffer }[]>;
  /** Leaf hashes of the asked 0-based leaf indexes; absent (purged) ones are left out. */
  leaves(indexes: readonly number[]): Promise<{ index: number; hash: Buffer }[]>;
}

type Range = readonly [number, number];
const key = (level: number, index: number) => `${level}:${index}`;
const isPow2 = (n: number) => Number.isInteger(Math.log2(n));

function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete subtrees whose roots make up MTH(D[a:b]), by the RFC 6962 recursion. */
function perfectParts(a: number, b: number, out: [number, number][]): void {
  const n = b - a;
  if (n === 1) {
    out.push([0, a]);
    return;
  }
  if (isPow2(n) && a % n === 0) {
    out.push([Math.log2(n), a / n]);
    return;
  }
  const k = splitPoint(n);
  perfectParts(a, a + k, out);
  perfectParts(a + k, b, out);
}

/** The ranges whose MTH make up PATH(m, D[0:n]) (RFC 6962 s2.1.1), leaf first. */
function inclusionRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  const walk = (i: number, a: number, b: number) => {
    if (b - a <= 1) return;
    const k = splitPoint(b - a);
    if (i < k) {
      walk(i, a, a + k);
      out.push([a + k, b]);
    } else {
      walk(i - k, a + k, b);
      out.push([a, a + k]);
    }
  };
  walk(m, 0, n);
  return out;
}

/** The ranges whose MTH make up PROOF(m, D[0:n]) (RFC 6962 s2.1.2). */
function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  if (m === 0 || m === n) return out;
  const sub = (mm: number, a: number, b: number, complete: boolean) => {
    const size = b - a;
    if (mm === size) {
      if (!complete) out.push([a, b]);
      return;
    }
    const k = splitPoint(size);
    if (mm <= k) {
      sub(mm, a, a + k, complete);
      out.push([a + k, b]);
    } else {
      sub(mm - k, a + k, b, false);
      out.push([a, a + k]);
    }
  };
  sub(m, 0, n, true);
  return out;
}

/**
 * Roots and proofs of the log's RFC 6962 tree from the stored subtree roots: one proof reads
 * O(log n) rows (about one node per level, and the leaves of at most two 16-leaf blocks),
 * whatever the size of the log, with no cache to warm. After a retention purge the signed
 * frontier at the cut stands in for the deleted leaves, so every proof that involves only
 * leaves after the cut still works.
 */
export class StoredTree {
  private readonly frontier = new Map<string, Buffer>();
  private readonly cut: number;

  constructor(
    private readonly source: TreeNodeSource,
    purged: MerkleFrontier | null = null,
  ) {
    this.cut = purged?.treeSize ?? 0;
    let start = 0;
    for (const hex of purged?.nodes ?? []) {
      const size = 2 ** Math.floor(Math.log2(this.cut - start));
      this.frontier.set(key(Math.log2(size), start / size), Buffer.from(hex, 'hex'));
      start += size;
    }
  }

  /** The first leaf index whose hash may still be read (the purge cut). */
  get purgedThrough(): number {
    return this.cut;
  }

  async root(n: number): Promise<Buffer> {
    if (n === 0) return Buffer.from(EMPTY_ROOT);
    const [root] = await this.hashRanges([[0, n]]);
    return root;
  }

  /** PATH(index, D[0:n]). */
  async inclusionProof(index: number, n: number): Promise<Buffer[]> {
    if (index < this.cut) throw new RangeError(`event ${index + 1} was purged`);
    return this.hashRanges(inclusionRanges(index, n));
  }

  /** PROOF(m, D[0:n]); m must not be before the purge cut. */
  async consistencyProof(m: number, n: number): Promise<Buffer[]> {
    if (m < this.cut) throw new RangeError(`the tree of size ${m} ends inside the purged prefix`);
    return this.hashRanges(consistencyRanges(m, n));
  }

  /** MTH of each range, reading each needed subtree root once, in a few round trips. */
  private async hashRanges(ranges: readonly Range[]): Promise<Buffer[]> {
    const parts = ranges.map(([a, b]) => {
      const out: [number, number][] = [];
      perfectParts(a, b, out);
      return out;
    });
    const known = await this.resolve(parts.flat());
    const hashOf = (a: number, b: number): Buffer => {
      const n = b - a;
      if (n === 1) return known.get(key(0, a)) as Buffer;
      if (isPow2(n) && a % n === 0) return known.get(key(Math.log2(n), a / n)) as Buffer;
      const k = splitPoint(n);
      return nodeHash(hashOf(a, a + k), hashOf(a + k, b));
    };
    return ranges.map(([a, b]) => hashOf(a, b));
  }

  /**
   * Finds the hash of every asked complete subtree: from the purge frontier, the stored nodes,
   * the leaf hashes, or else from its two halves (a small subtree, a node inside the purged
   * prefix that was never stored, or one that is missing). A proof normally takes one round:
   * the stored nodes and the leaves it needs, read side by side.
   */
  private async resolve(wanted: readonly [number, number][]): Promise<Map<string, Buffer>> {
    const known = new Map<string, Buffer>();
    const derived: [number, number][] = []; // computed from their halves once those are known
    const asked = new Set<string>();
    let pending = [...wanted];
    while (pending.length > 0) {
      const nodeKeys: { level: number; index: number }[] = [];
      const leafIndexes: number[] = [];
      const next: [number, number][] = [];
      const seen = new Set<string>();
      for (const [level, index] of pending) {
        const k = key(level, index);
        if (known.has(k) || seen.has(k)) continue;
        seen.add(k);
        const fromFrontier = this.frontier.get(k);
        if (fromFrontier) known.set(k, fromFrontier);
        else if (level === 0) {
          if (index < this.cut) throw new RangeError(`leaf ${index + 1} was purged`);
          if (!asked.has(k)) leafIndexes.push(index);
          else throw new Error(`the leaf hash of event ${index + 1} is missing`);
          asked.add(k);
        } else if (level >= STORED_MIN_LEVEL && !asked.has(k)) {
          asked.add(k);
          nodeKeys.push({ level, index });
        } else {
          // Its halves are looked up in this same round (the loop reaches what is appended).
          derived.push([level, index]);
          pending.push([level - 1, 2 * index], [level - 1, 2 * index + 1]);
        }
      }
      const [nodes, leaves] = await Promise.all([
        nodeKeys.length ? this.source.nodes(nodeKeys) : [],
        leafIndexes.length ? this.source.leaves(leafIndexes) : [],
      ]);
      for (const n of nodes) known.set(key(n.level, n.index), n.hash);
      for (const l of leaves) known.set(key(0, l.index), l.hash);
      // Asked but not found: retried next round (a leaf then fails; a node is split in two).
      for (const n of nodeKeys) if (!known.has(key(n.level, n.index))) next.push([n.level, n.index]);
      for (const i of leafIndexes) if (!known.has(key(0, i))) next.push([0, i]);
      pending = next;
    }
    for (let i = derived.length - 1; i >= 0; i--) {
      const [level, index] = derived[i];
      const k = key(level, index);
      if (known.has(k)) continue;
      const left = known.get(key(level - 1, 2 * index));
      const right = known.get(key(level - 1, 2 * index + 1));
      if (!left || !right) throw new Error(`the subtree ${k} cannot be computed`);
      known.set(k, nodeHash(left, right));
    }
    return known;
  }
}
