import { createHash } from 'node:crypto';
import { inclusionProof, leafHash, MerkleTreeBuilder, rootHash } from '@poc/audit';
import { PrunedTree } from './pruned-tree';

const leaves = (n: number) =>
  Array.from({ length: n }, (_, i) => leafHash(createHash('sha256').update(`e${i}`).digest()));

describe('PrunedTree', () => {
  it('gives the same roots and inclusion proofs as the full tree, for every cut and size', () => {
    for (let n = 1; n <= 40; n += 1) {
      const all = leaves(n);
      for (let cut = 0; cut <= n; cut += 1) {
        const builder = new MerkleTreeBuilder();
        all.slice(0, cut).forEach((l) => builder.append(l));
        const pruned = new PrunedTree(builder.toFrontier(), all.slice(cut));
        expect(pruned.root().equals(rootHash(all))).toBe(true);
        for (let i = cut; i < n; i += 1) {
          expect(pruned.inclusionProof(i).map((h) => h.toString('hex'))).toEqual(
            inclusionProof(all, i).map((h) => h.toString('hex')),
          );
        }
      }
    }
  });

  it('refuses a proof for a purged event', () => {
    const all = leaves(10);
    const builder = new MerkleTreeBuilder();
    all.slice(0, 6).forEach((l) => builder.append(l));
    expect(() => new PrunedTree(builder.toFrontier(), all.slice(6)).inclusionProof(3)).toThrow(/purged/);
  });
});
