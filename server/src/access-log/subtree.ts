import { EMPTY_ROOT, nodeHash, type MerkleFrontier } from '@poc/audit';

/** Subtrees of fewer leaves than 2^STORED_MIN_LEVEL are not stored: their leaves are read instead. */
export const STORED_MIN_LEVEL = 4;

/** The root of the complete subtree of leaves [index·2^level, (index+1)·2^level). */
export interface SubtreeNode {
  level: number;
  index: number;
  hash: Buffer;
}

const isOdd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/**
 * An RFC 6962 tree built leaf by leaf from its frontier (like the audit library's
 * MerkleTreeBuilder), that also hands out every complete subtree an append finishes, so the
 * sequencer can store them with the batch that completed them.
 */
export class SubtreeBuilder {
  private constructor(
    private readonly stack: Buffer[],
    private count: number,
  ) {}

  static empty(): SubtreeBuilder {
    return new SubtreeBuilder([], 0);
  }

  static fromFrontier(frontier: MerkleFrontier): SubtreeBuilder {
    const bits = frontier.treeSize.toString(2).replace(/0/g, '').length;
    if (!Array.isArray(frontier.nodes) || frontier.nodes.length !== bits) {
      throw new RangeError(`a frontier of size ${frontier.treeSize} needs ${bits} nodes`);
    }
    return new SubtreeBuilder(
      frontier.nodes.map((hex) => Buffer.from(hex, 'hex')),
      frontier.treeSize,
    );
  }

  clone(): SubtreeBuilder {
    return new SubtreeBuilder([...this.stack], this.count);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf hash; pushes onto `finished` each stored-level subtree it completes. */
  append(leaf: Buffer, finished?: SubtreeNode[]): void {
    let node = leaf;
    let s = this.count;
    let level = 0;
    const end = this.count + 1;
    while (isOdd(s)) {
      node = nodeHash(this.stack.pop() as Buffer, node);
      s = half(s);
      level += 1;
      if (finished && level >= STORED_MIN_LEVEL) finished.push({ level, index: end / 2 ** level - 1, hash: node });
    }
    this.stack.push(node);
    this.count = end;
  }

  root(): Buffer {
    if (this.stack.length === 0) return Buffer.from(EMPTY_ROOT);
    let r = this.stack[this.stack.length - 1];
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i], r);
    return r;
  }

  toFrontier(): MerkleFrontier {
    return { treeSize: this.count, nodes: this.stack.map((h) => h.toString('hex')) };
  }
}
