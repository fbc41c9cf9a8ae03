/// <reference types="jest" />
import { createHash, webcrypto } from 'node:crypto';
import { checkEventInclusion, verifyInclusion } from './inclusion';

const subtle = webcrypto.subtle;

const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafOf = (entry: Buffer) => sha256(Buffer.from([0x00]), entry);
const nodeOf = (left: Buffer, right: Buffer) => sha256(Buffer.from([0x01]), left, right);

/*
 * A tree of 5 leaves, built by hand the RFC 6962 way:
 *
 *              root
 *            /      \
 *         n0123      l4
 *        /     \
 *     n01       n23
 *    /   \     /   \
 *   l0   l1   l2   l3
 */
const entries = ['a', 'b', 'c', 'd', 'e'].map((seq) => Buffer.from(`{"seq":"${seq}"}`));
const leaves = entries.map(leafOf);
const n01 = nodeOf(leaves[0]!, leaves[1]!);
const n23 = nodeOf(leaves[2]!, leaves[3]!);
const n0123 = nodeOf(n01, n23);
const root = nodeOf(n0123, leaves[4]!);

/** The audit path of each leaf in the 5-leaf tree. */
const paths: Buffer[][] = [
  [leaves[1]!, n23, leaves[4]!],
  [leaves[0]!, n23, leaves[4]!],
  [leaves[3]!, n01, leaves[4]!],
  [leaves[2]!, n01, leaves[4]!],
  [n0123],
];

const evidenceFor = (index: number, overrides: { path?: Buffer[]; root?: Buffer; entry?: Buffer } = {}) => ({
  canonical: (overrides.entry ?? entries[index]!).toString('base64'),
  leafHash: leaves[index]!.toString('hex'),
  proof: {
    head: { treeSize: 5, rootHash: (overrides.root ?? root).toString('hex') },
    leafIndex: index,
    path: (overrides.path ?? paths[index]!).map((hash) => hash.toString('hex')),
  },
});

describe('verifyInclusion (RFC 9162 s2.1.3.2)', () => {
  it.each([0, 1, 2, 3, 4])('accepts the audit path of leaf %i in a tree of 5', async (index) => {
    await expect(verifyInclusion(leaves[index]!, index, 5, paths[index]!, root, subtle)).resolves.toBe(true);
  });

  it('accepts the only leaf of a tree of 1, whose root is the leaf', async () => {
    await expect(verifyInclusion(leaves[0]!, 0, 1, [], leaves[0]!, subtle)).resolves.toBe(true);
  });

  it('refuses a leaf claimed at another index', async () => {
    await expect(verifyInclusion(leaves[2]!, 3, 5, paths[2]!, root, subtle)).resolves.toBe(false);
  });

  it('refuses an index outside the tree', async () => {
    await expect(verifyInclusion(leaves[4]!, 5, 5, paths[4]!, root, subtle)).resolves.toBe(false);
  });

  it('refuses a path with a changed hash, one hash too many or one too few', async () => {
    const changed = [leaves[1]!, n01, leaves[4]!];
    await expect(verifyInclusion(leaves[0]!, 0, 5, changed, root, subtle)).resolves.toBe(false);
    await expect(verifyInclusion(leaves[0]!, 0, 5, [...paths[0]!, root], root, subtle)).resolves.toBe(false);
    await expect(verifyInclusion(leaves[0]!, 0, 5, paths[0]!.slice(0, 2), root, subtle)).resolves.toBe(false);
  });

  it('refuses a proof against another root', async () => {
    await expect(verifyInclusion(leaves[0]!, 0, 5, paths[0]!, n0123, subtle)).resolves.toBe(false);
  });
});

describe('checkEventInclusion', () => {
  it('says ok when the bytes hash to the leaf and the path leads to the signed root', async () => {
    await expect(checkEventInclusion(evidenceFor(3), subtle)).resolves.toBe('ok');
  });

  it('says the leaf does not match when the canonical bytes were changed', async () => {
    const evidence = evidenceFor(1, { entry: Buffer.from('{"seq":"B"}') });
    await expect(checkEventInclusion(evidence, subtle)).resolves.toBe('leaf_mismatch');
  });

  it('says the proof is invalid when the root is not the one the path leads to', async () => {
    await expect(checkEventInclusion(evidenceFor(1, { root: n01 }), subtle)).resolves.toBe('proof_invalid');
  });

  it('says pending when no signed head covers the event yet', async () => {
    await expect(checkEventInclusion({ ...evidenceFor(0), proof: null }, subtle)).resolves.toBe('pending');
  });

  it('says unavailable without Web Crypto', async () => {
    await expect(checkEventInclusion(evidenceFor(0), null)).resolves.toBe('unavailable');
  });
});
