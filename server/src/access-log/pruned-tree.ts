import { nodeHash, type MerkleFrontier } from '@poc/audit';

/**
 * The Merkle tree of a log whose first `frontier.treeSize` leaves were purged: those leaves are
 * represented by the frontier (the roots of the perfect subtrees that cover them), the rest by
 * their leaf hashes. Roots and inclusion proofs of every later leaf need no purged leaf: the
 * RFC 6962 recursion only ever needs, inside the purged prefix, exactly the frontier's subtrees.
 */
export class PrunedTree {
  private readonly base: number;
  private readonly frontier: Map<string, Buffer>;

  constructor(
    frontier: MerkleFrontier,
    private readonly leaves: Buffer[], // leaf hashes of seq base+1 … base+leaves.length
  ) {
    this.base = frontier.treeSize;
    this.frontier = new Map();
    let start = 0;
    for (const hex of frontier.nodes) {
      const size = 2 ** Math.floor(Math.log2(this.base - start));
      this.frontier.set(`${start}:${start + size}`, Buffer.from(hex, 'hex'));
      start += size;
    }
  }

  get size(): number {
    return this.base + this.leaves.length;
  }

  /** MTH(D[a:b]) (RFC 6962 s2.1). */
  hash(a: number, b: number): Buffer {
    const known = this.frontier.get(`${a}:${b}`);
    if (known) return known;
    if (a >= this.base) {
      if (b - a === 1) return this.leaves[a - this.base];
    } else if (b <= this.base) {
      return this.fold(a, b);
    }
    const k = largestPowerOfTwoBelow(b - a);
    return nodeHash(this.hash(a, a + k), this.hash(a + k, b));
  }

  /** A range of the prefix made of whole frontier subtrees, combined right to left as MTH does. */
  private fold(a: number, b: number): Buffer {
    const parts: Buffer[] = [];
    let start = a;
    while (start < b) {
      const entry = [...this.frontier.entries()].find(([key]) => key.startsWith(`${start}:`));
      const end = entry ? Number(entry[0].split(':')[1]) : NaN;
      if (!entry || end > b) throw new Error(`the subtree ${a}..${b} lies inside the purged prefix`);
      parts.push(entry[1]);
      start = end;
    }
    return parts.reduceRight((right, left) => nodeHash(left, right));
  }

  root(n = this.size): Buffer {
    return this.hash(0, n);
  }

  /** PATH(m, D[0:n]) (RFC 6962 s2.1.1) for a leaf after the purged prefix. */
  inclusionProof(index: number, n = this.size): Buffer[] {
    if (index < this.base) throw new Error(`event ${index + 1} was purged`);
    const path: Buffer[] = [];
    const walk = (m: number, a: number, b: number) => {
      if (b - a <= 1) return;
      const k = largestPowerOfTwoBelow(b - a);
      if (m < k) {
        walk(m, a, a + k);
        path.push(this.hash(a + k, b));
      } else {
        walk(m - k, a + k, b);
        path.push(this.hash(a, a + k));
      }
    };
    walk(index, 0, n);
    return path;
  }
}

function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
