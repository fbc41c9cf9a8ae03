import { HASH_SIZE, nodeHashAt, type MerkleTreeBuilder } from './merkle';

/**
 * The perfect subtrees of an RFC 6962 tree that lie wholly inside a run of consecutive leaves:
 * for the `count` leaves at 0-based positions `first..first+count-1`, every node of height h >= 1
 * whose `2^h` leaves start at a multiple of `2^h` and fall inside the run. With them, the leaves
 * of the run can be appended to a {@link MerkleTreeBuilder} up to any position in O(log n)
 * hashes (see {@link appendAligned}), so a worker thread can do the interior hashing of its
 * batch and the thread that builds the tree only joins the subtrees.
 *
 * Layout: level h (h = 1, 2, …) holds the nodes `ceil(first / 2^h) .. floor((first + count) / 2^h) - 1`,
 * 32 bytes each, levels one after the other.
 */
export function alignedSubtrees(leaves: Buffer, first: number): Buffer {
  const count = leaves.length / HASH_SIZE;
  const out = Buffer.allocUnsafeSlow(levelOffset(first, count, levelsOf(first, count) + 1) * HASH_SIZE);
  let below = leaves;
  let belowAt = 0; // byte offset of the level below in `below`
  let belowStart = first; // the position (at that level) of its first node
  for (let h = 1; h <= levelsOf(first, count); h++) {
    const [start, end] = levelRange(first, count, h);
    const at = levelOffset(first, count, h) * HASH_SIZE;
    for (let j = start; j < end; j++) {
      const left = belowAt + (2 * j - belowStart) * HASH_SIZE;
      nodeHashAt(below, left, out, at + (j - start) * HASH_SIZE);
    }
    below = out;
    belowAt = at;
    belowStart = start;
  }
  return out;
}

/**
 * Appends to `builder` the leaves of the run (see {@link alignedSubtrees}) from its current size
 * up to, not including, position `end`: the largest aligned subtrees first, so that only a few
 * hashes are done here. The builder's size must lie within the run.
 */
export function appendAligned(
  builder: MerkleTreeBuilder,
  run: { leaves: Buffer; nodes: Buffer; first: number },
  end: number,
): void {
  const count = run.leaves.length / HASH_SIZE;
  let at = builder.size;
  if (at < run.first || end > run.first + count || at > end) {
    throw new RangeError(`positions ${at}..${end} are not inside the run ${run.first}..${run.first + count}`);
  }
  const top = levelsOf(run.first, count);
  while (at < end) {
    let h = 0;
    while (h < top && at % 2 ** (h + 1) === 0 && at + 2 ** (h + 1) <= end) h++;
    if (h === 0) {
      const offset = (at - run.first) * HASH_SIZE;
      builder.appendSubtree(run.leaves.subarray(offset, offset + HASH_SIZE), 0);
    } else {
      const [start] = levelRange(run.first, count, h);
      const offset = (levelOffset(run.first, count, h) + at / 2 ** h - start) * HASH_SIZE;
      builder.appendSubtree(run.nodes.subarray(offset, offset + HASH_SIZE), h);
    }
    at += 2 ** h;
  }
}

// The nodes of height h inside the run: [start, end).
function levelRange(first: number, count: number, h: number): [number, number] {
  const width = 2 ** h;
  const start = Math.ceil(first / width);
  return [start, Math.max(start, Math.floor((first + count) / width))];
}

// The highest level with a node inside the run (0 when there is none above the leaves).
function levelsOf(first: number, count: number): number {
  let h = 0;
  while (count >= 2 ** (h + 1)) {
    const [start, end] = levelRange(first, count, h + 1);
    if (end === start) break;
    h++;
  }
  return h;
}

// Nodes stored before level h (h >= 1).
function levelOffset(first: number, count: number, h: number): number {
  let n = 0;
  for (let k = 1; k < h; k++) {
    const [start, end] = levelRange(first, count, k);
    n += end - start;
  }
  return n;
}
