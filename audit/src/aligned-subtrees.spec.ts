import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { alignedSubtrees, appendAligned } from './aligned-subtrees';
import { leafHash, MerkleTreeBuilder } from './merkle';

const leaf = (i: number) => leafHash(createHash('sha256').update(String(i)).digest());

function leafByLeaf(count: number): MerkleTreeBuilder {
  const b = new MerkleTreeBuilder();
  for (let i = 0; i < count; i++) b.append(leaf(i));
  return b;
}

describe('alignedSubtrees and appendAligned', () => {
  it('grow the tree exactly as appending leaf by leaf, from any position to any cut in a run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 4 }),
        (first, count, cutsRaw) => {
          const leaves = Buffer.concat(Array.from({ length: count }, (_, i) => leaf(first + i)));
          const run = { leaves, nodes: alignedSubtrees(leaves, first), first };
          const builder = leafByLeaf(first);
          const cuts = [...cutsRaw.map((c) => first + (c % (count + 1))), first + count].sort((a, b) => a - b);
          for (const cut of cuts) {
            appendAligned(builder, run, cut);
            expect(builder.size).toBe(cut);
            expect(builder.root().toString('hex')).toBe(leafByLeaf(cut).root().toString('hex'));
          }
          expect(builder.toFrontier()).toEqual(leafByLeaf(first + count).toFrontier());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('hold one node per aligned perfect subtree inside the run', () => {
    // Positions 3..12: height 1 nodes [4,6) [6,8) [8,10) [10,12); height 2 [4,8) [8,12); height 3 [8,16) is not inside.
    const leaves = Buffer.concat(Array.from({ length: 10 }, (_, i) => leaf(3 + i)));
    expect(alignedSubtrees(leaves, 3).length).toBe(6 * 32);
  });

  it('refuse a builder whose size is outside the run', () => {
    const leaves = Buffer.concat([leaf(0), leaf(1)]);
    const run = { leaves, nodes: alignedSubtrees(leaves, 4), first: 4 };
    expect(() => appendAligned(leafByLeaf(3), run, 5)).toThrow(RangeError);
    expect(() => appendAligned(leafByLeaf(4), run, 7)).toThrow(RangeError);
  });
});

describe('MerkleTreeBuilder.appendSubtree', () => {
  it('refuses a subtree that is not aligned to the tree size', () => {
    expect(() => leafByLeaf(2).appendSubtree(leaf(0), 2)).toThrow(/cannot follow 2 leaves/);
  });
});
