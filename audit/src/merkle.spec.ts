import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  MerkleTreeBuilder,
  nodeHash,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

// Known answers from the Certificate Transparency reference test tree, as published in
// transparency-dev/merkle proof/verify_test.go (the Go port of the CT C++ merkle_tree_test):
// leaf inputs, roots of the first 1..8 leaves, inclusion and consistency proofs.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => Buffer.from(h, 'hex'),
);
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// `index` is 0-based here (the Go vectors number leaves from 1).
const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];
const CONSISTENCY: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    m: 6,
    n: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const hex = (b: Buffer) => b.toString('hex');
const unhex = (s: string) => Buffer.from(s, 'hex');
const refLeafHashes = LEAVES.map(leafHash);

function flipBit(b: Buffer, bit = 0): Buffer {
  const copy = Buffer.from(b);
  copy[0] = copy[0]! ^ (1 << bit);
  return copy;
}

function syntheticLeaves(n: number, salt = 0): Buffer[] {
  return Array.from({ length: n }, (_, i) => leafHash(Buffer.from(`leaf ${salt}:${i}`)));
}

describe('RFC 6962 hashes', () => {
  it('hashes the empty tree to SHA-256 of the empty string', () => {
    expect(hex(EMPTY_ROOT)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex(rootHash([]))).toBe(hex(EMPTY_ROOT));
    expect(hex(new MerkleTreeBuilder().root())).toBe(hex(EMPTY_ROOT));
  });

  it('domain-separates leaves (0x00) from nodes (0x01)', () => {
    const entry = Buffer.from('entry');
    expect(leafHash(entry)).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(entry)
        .digest(),
    );
    const [l, r] = [leafHash(Buffer.from('l')), leafHash(Buffer.from('r'))];
    expect(nodeHash(l, r)).toEqual(
      createHash('sha256')
        .update(Buffer.from([1]))
        .update(l)
        .update(r)
        .digest(),
    );
  });

  it('matches the reference roots for every size from 1 to 8', () => {
    for (let n = 1; n <= 8; n++) {
      expect(hex(rootHash(refLeafHashes.slice(0, n)))).toBe(ROOTS[n - 1]);
    }
  });

  it('hashes a leaf larger than the scratch buffer and keeps earlier results intact', () => {
    const small = leafHash(Buffer.from('a'));
    const big = Buffer.alloc(200_000, 7);
    expect(leafHash(big)).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(big)
        .digest(),
    );
    const mid = Buffer.alloc(5000, 3);
    expect(leafHash(mid)).toEqual(
      createHash('sha256')
        .update(Buffer.from([0]))
        .update(mid)
        .digest(),
    );
    expect(small).toEqual(
      createHash('sha256')
        .update(Buffer.from([0, 0x61]))
        .digest(),
    );
  });
});

describe('inclusion proofs', () => {
  it.each(INCLUSION)(
    'reproduces and verifies the reference proof for leaf $index of $size',
    ({ index, size, proof }) => {
      const leaves = refLeafHashes.slice(0, size);
      expect(inclusionProof(leaves, index).map(hex)).toEqual(proof);
      expect(verifyInclusion(refLeafHashes[index]!, index, size, proof.map(unhex), unhex(ROOTS[size - 1]!))).toBe(true);
    },
  );

  it('rejects corrupted reference proofs', () => {
    const { index, size, proof } = INCLUSION[2]!;
    const root = unhex(ROOTS[size - 1]!);
    const leaf = refLeafHashes[index]!;
    const p = proof.map(unhex);
    expect(verifyInclusion(leaf, index - 1, size, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index + 1, size, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size * 2, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size / 2, p, root)).toBe(false);
    expect(verifyInclusion(leafHash(Buffer.from('WrongLeaf')), index, size, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, p, EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [...p, root], root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [root, ...p], root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, p.slice(0, -1), root)).toBe(false);
    for (let i = 0; i < p.length; i++) {
      expect(
        verifyInclusion(
          leaf,
          index,
          size,
          p.map((h, j) => (j === i ? flipBit(h, 3) : h)),
          root,
        ),
      ).toBe(false);
    }
  });

  it('rejects an index outside the tree', () => {
    expect(verifyInclusion(refLeafHashes[0]!, 0, 0, [], EMPTY_ROOT)).toBe(false);
    expect(verifyInclusion(refLeafHashes[0]!, 1, 1, [], refLeafHashes[0]!)).toBe(false);
    expect(() => inclusionProof(refLeafHashes, 8)).toThrow(RangeError);
  });

  it('verifies every proof of random trees and fails for a changed leaf', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 }), fc.nat())),
        ([n, index, salt]) => {
          const leaves = syntheticLeaves(n, salt);
          const root = rootHash(leaves);
          const proof = inclusionProof(leaves, index);
          expect(verifyInclusion(leaves[index]!, index, n, proof, root)).toBe(true);
          expect(verifyInclusion(flipBit(leaves[index]!), index, n, proof, root)).toBe(false);
          const changed = [...leaves];
          changed[index] = leafHash(Buffer.from('forged'));
          expect(verifyInclusion(changed[index]!, index, n, inclusionProof(changed, index), root)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('consistency proofs', () => {
  it.each(CONSISTENCY)('reproduces and verifies the reference proof from $m to $n', ({ m, n, proof }) => {
    expect(consistencyProof(refLeafHashes.slice(0, n), m).map(hex)).toEqual(proof);
    expect(verifyConsistency(m, n, unhex(ROOTS[m - 1]!), unhex(ROOTS[n - 1]!), proof.map(unhex))).toBe(true);
  });

  it('rejects corrupted reference proofs', () => {
    const { m, n, proof } = CONSISTENCY[2]!;
    const [r1, r2] = [unhex(ROOTS[m - 1]!), unhex(ROOTS[n - 1]!)];
    const p = proof.map(unhex);
    expect(verifyConsistency(m - 1, n, r1, r2, p)).toBe(false);
    expect(verifyConsistency(m + 1, n, r1, r2, p)).toBe(false);
    expect(verifyConsistency(m, n * 2, r1, r2, p)).toBe(false);
    expect(verifyConsistency(m, n, r2, r1, p)).toBe(false);
    expect(verifyConsistency(m, n, r1, r2, [])).toBe(false);
    expect(verifyConsistency(m, n, r1, r2, [...p, r1])).toBe(false);
    expect(verifyConsistency(m, n, r1, r2, [p[0]!, ...p])).toBe(false);
    expect(verifyConsistency(m, n, r1, r2, p.slice(0, -1))).toBe(false);
    for (let i = 0; i < p.length; i++) {
      expect(
        verifyConsistency(
          m,
          n,
          r1,
          r2,
          p.map((h, j) => (j === i ? flipBit(h, 4) : h)),
        ),
      ).toBe(false);
    }
  });

  it('handles the trivial sizes like RFC 9162', () => {
    const root = unhex(ROOTS[0]!);
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 1, EMPTY_ROOT, root, [])).toBe(true);
    expect(verifyConsistency(1, 1, root, root, [])).toBe(true);
    expect(verifyConsistency(1, 1, root, EMPTY_ROOT, [])).toBe(false);
    expect(verifyConsistency(1, 1, root, root, [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(2, 1, root, root, [])).toBe(false);
    expect(consistencyProof(refLeafHashes, 0)).toEqual([]);
    expect(consistencyProof(refLeafHashes, 8)).toEqual([]);
    expect(() => consistencyProof(refLeafHashes, 9)).toThrow(RangeError);
  });

  it('verifies every proof of random trees and fails when a leaf of the old tree changes', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .chain((n) =>
            fc
              .integer({ min: 1, max: n })
              .chain((m) => fc.tuple(fc.constant(n), fc.constant(m), fc.nat({ max: m - 1 }))),
          ),
        ([n, m, changedIndex]) => {
          const leaves = syntheticLeaves(n);
          const rootM = rootHash(leaves.slice(0, m));
          const rootN = rootHash(leaves);
          const proof = consistencyProof(leaves, m);
          expect(verifyConsistency(m, n, rootM, rootN, proof)).toBe(true);
          if (m === n) return;
          // The new tree rewrote a leaf the old head covered: its own proof cannot link the heads.
          const rewritten = [...leaves];
          rewritten[changedIndex] = leafHash(Buffer.from('rewritten'));
          const forgedN = rootHash(rewritten);
          expect(verifyConsistency(m, n, rootM, forgedN, consistencyProof(rewritten, m))).toBe(false);
          expect(verifyConsistency(m, n, rootM, forgedN, proof)).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('MerkleTreeBuilder', () => {
  it('has the reference roots at sizes 1 to 8', () => {
    const builder = new MerkleTreeBuilder();
    refLeafHashes.forEach((leaf, i) => {
      builder.append(leaf);
      expect(builder.size).toBe(i + 1);
      expect(hex(builder.root())).toBe(ROOTS[i]);
    });
  });

  it('equals rootHash at every size of random trees', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (n, salt) => {
        const leaves = syntheticLeaves(n, salt);
        const builder = new MerkleTreeBuilder();
        for (let i = 0; i < n; i++) {
          builder.append(leaves[i]!);
          expect(builder.root()).toEqual(rootHash(leaves.slice(0, i + 1)));
        }
        expect(builder.toFrontier().nodes).toHaveLength(n.toString(2).replace(/0/g, '').length);
      }),
      { numRuns: 15 },
    );
  });

  it('resumes from a saved frontier as if it had never stopped', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n }))),
        ([n, cut]) => {
          const leaves = syntheticLeaves(n);
          const first = new MerkleTreeBuilder();
          leaves.slice(0, cut).forEach((l) => first.append(l));
          const saved = JSON.parse(JSON.stringify(first.toFrontier()));
          const resumed = MerkleTreeBuilder.fromFrontier(saved);
          expect(resumed.size).toBe(cut);
          leaves.slice(cut).forEach((l) => resumed.append(l));
          expect(resumed.root()).toEqual(rootHash(leaves));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects a frontier with the wrong number of nodes or a bad hash', () => {
    const node = hex(refLeafHashes[0]!);
    expect(() => MerkleTreeBuilder.fromFrontier({ treeSize: 3, nodes: [node] })).toThrow(RangeError);
    expect(() => MerkleTreeBuilder.fromFrontier({ treeSize: 1, nodes: ['zz'] })).toThrow(RangeError);
    expect(() => new MerkleTreeBuilder().append(Buffer.alloc(31))).toThrow(RangeError);
  });

  it('clones into an independent tree', () => {
    const a = new MerkleTreeBuilder();
    a.append(refLeafHashes[0]!);
    const b = a.clone();
    b.append(refLeafHashes[1]!);
    expect(hex(a.root())).toBe(ROOTS[0]);
    expect(hex(b.root())).toBe(ROOTS[1]);
  });
});
