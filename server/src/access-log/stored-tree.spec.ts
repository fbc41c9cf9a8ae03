import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { consistencyProof, inclusionProof, leafHash, rootHash, verifyConsistency, verifyInclusion } from '@poc/audit';
import { StoredTree, type TreeNodeSource } from './stored-tree';
import { STORED_MIN_LEVEL, SubtreeBuilder, type SubtreeNode } from './subtree';

const leaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`e${i}`).digest()));

/**
 * What the database holds for a log of `all` leaves after a purge of the first `cut`: the
 * nodes the sequencer stored as it appended (optionally without those under the purged
 * prefix, as for a log purged before nodes were stored), the leaves after the cut, and the
 * frontier at the cut. Counts the rows each proof reads.
 */
function storedLog(all: Buffer[], cut: number, keepPrefixNodes: boolean) {
  const builder = SubtreeBuilder.empty();
  const nodes: SubtreeNode[] = [];
  let frontier = builder.toFrontier();
  all.forEach((leaf, i) => {
    if (i === cut) frontier = builder.toFrontier();
    builder.append(leaf, nodes);
  });
  if (cut === all.length) frontier = builder.toFrontier();
  const stored = new Map(
    nodes
      .filter((n) => keepPrefixNodes || (n.index + 1) * 2 ** n.level > cut)
      .map((n) => [`${n.level}:${n.index}`, n.hash]),
  );
  let reads = 0;
  const source: TreeNodeSource = {
    nodes: async (keys) => {
      reads += keys.length;
      return keys.flatMap((k) => {
        const hash = stored.get(`${k.level}:${k.index}`);
        return hash ? [{ ...k, hash }] : [];
      });
    },
    leaves: async (indexes) => {
      reads += indexes.length;
      return indexes.filter((i) => i >= cut && i < all.length).map((index) => ({ index, hash: all[index] }));
    },
  };
  return { tree: new StoredTree(source, cut > 0 ? frontier : null), reads: () => reads, builder, nodes };
}

const hex = (hs: Buffer[]) => hs.map((h) => h.toString('hex'));

describe('StoredTree', () => {
  it('stores exactly the complete subtrees of 16 leaves and up, and the builder roots match', () => {
    const all = leaves(100);
    const { builder, nodes } = storedLog(all, 0, true);
    expect(builder.root().equals(rootHash(all))).toBe(true);
    expect(nodes.every((n) => n.level >= STORED_MIN_LEVEL)).toBe(true);
    // 6 of 16 leaves, 3 of 32, 1 of 64.
    expect(nodes.map((n) => `${n.level}:${n.index}`).sort()).toEqual(
      ['4:0', '4:1', '4:2', '4:3', '4:4', '4:5', '5:0', '5:1', '5:2', '6:0'].sort(),
    );
    for (const n of nodes) {
      const from = n.index * 2 ** n.level;
      expect(n.hash.equals(rootHash(all.slice(from, from + 2 ** n.level)))).toBe(true);
    }
  });

  it('gives the roots, inclusion and consistency proofs of the full tree for every size (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 300 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        async (n, cutShare, mShare, iShare, keepPrefixNodes) => {
          const all = leaves(n);
          const cut = Math.floor(cutShare * n);
          const { tree } = storedLog(all, cut, keepPrefixNodes);
          const size = cut === n ? n : cut + 1 + Math.floor(iShare * (n - cut - 1)); // a head after the cut
          const prefix = all.slice(0, size);
          expect((await tree.root(size)).equals(rootHash(prefix))).toBe(true);
          for (let i = cut; i < size; i += Math.max(1, Math.floor(size / 7))) {
            expect(hex(await tree.inclusionProof(i, size))).toEqual(hex(inclusionProof(prefix, i)));
          }
          const m = cut + Math.floor(mShare * (size - cut));
          expect(hex(await tree.consistencyProof(m, size))).toEqual(hex(consistencyProof(prefix, m)));
        },
      ),
      { seed: 20261203, numRuns: 300 },
    );
  });

  it('reads O(log n) rows for one proof, and its proofs verify', async () => {
    const n = 5000;
    const all = leaves(n);
    const root = rootHash(all);
    const log = storedLog(all, 1234, true);
    for (const i of [1234, 2047, 2048, 4999]) {
      const before = log.reads();
      const path = await log.tree.inclusionProof(i, n);
      // Each level needs one node, and the leaves of at most two 16-leaf blocks.
      expect(log.reads() - before).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 2 * 16);
      expect(verifyInclusion(all[i], i, n, path, root)).toBe(true);
    }
    const before = log.reads();
    const proof = await log.tree.consistencyProof(3001, n);
    expect(log.reads() - before).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)) + 2 * 16);
    expect(verifyConsistency(3001, n, rootHash(all.slice(0, 3001)), root, proof)).toBe(true);
  });

  it('refuses a proof that needs a purged leaf', async () => {
    const { tree } = storedLog(leaves(40), 21, false);
    await expect(tree.inclusionProof(3, 40)).rejects.toThrow(/purged/);
    await expect(tree.consistencyProof(10, 40)).rejects.toThrow(/purged/);
  });
});
