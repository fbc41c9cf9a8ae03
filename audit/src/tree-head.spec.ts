import { createHash, generateKeyPairSync } from 'node:crypto';
import { EMPTY_ROOT } from './merkle';
import {
  checkHeadSequence,
  keyIdOf,
  signTreeHead,
  SignedTreeHead,
  treeHeadSigningBytes,
  verifyTreeHead,
} from './tree-head';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const root = createHash('sha256').update('root').digest();

function head(treeSize: number, timestamp: string, rootHash: Buffer | string = root): SignedTreeHead {
  return signTreeHead(privateKey, { treeSize, rootHash, timestamp });
}

describe('signed tree heads', () => {
  it('signs and verifies a head', () => {
    const signed = head(2000, '2026-11-22T03:00:05Z');
    expect(signed).toEqual({
      keyId: keyIdOf(publicKey),
      treeSize: 2000,
      rootHash: root.toString('hex'),
      timestamp: '2026-11-22T03:00:05.000Z',
      signature: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/),
    });
    expect(verifyTreeHead(publicKey, signed)).toBe(true);
  });

  it('derives the key id from the SPKI DER of the public key', () => {
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(keyIdOf(publicKey)).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(keyIdOf(privateKey)).toBe(keyIdOf(publicKey));
  });

  it('signs the canonical JSON of keyId, rootHash, timestamp, treeSize and v', () => {
    const signed = head(0, '2026-11-22T03:00:05.000Z', EMPTY_ROOT);
    expect(treeHeadSigningBytes(signed).toString()).toBe(
      `{"keyId":"${signed.keyId}","rootHash":"${EMPTY_ROOT.toString('hex')}",` +
        `"timestamp":"2026-11-22T03:00:05.000Z","treeSize":0,"v":1}`,
    );
  });

  it('fails with another key', () => {
    const signed = head(10, '2026-11-22T03:00:05.000Z');
    expect(verifyTreeHead(other.publicKey, signed)).toBe(false);
    // Even when the attacker also rewrites the key id to match the other key.
    expect(verifyTreeHead(other.publicKey, { ...signed, keyId: keyIdOf(other.publicKey) })).toBe(false);
  });

  it.each<[string, Partial<SignedTreeHead>]>([
    ['treeSize', { treeSize: 11 }],
    ['rootHash', { rootHash: EMPTY_ROOT.toString('hex') }],
    ['timestamp', { timestamp: '2026-11-22T03:00:06.000Z' }],
    ['signature', { signature: Buffer.alloc(64).toString('base64') }],
    ['malformed signature', { signature: '!!' }],
    ['malformed root', { rootHash: 'abc' }],
    ['malformed time', { timestamp: '2026-11-22' }],
  ])('fails when %s is altered', (_field, change) => {
    const signed = head(10, '2026-11-22T03:00:05.000Z');
    expect(verifyTreeHead(publicKey, { ...signed, ...change })).toBe(false);
  });

  it('refuses to sign nonsense', () => {
    expect(() => signTreeHead(privateKey, { treeSize: -1, rootHash: root, timestamp: new Date() })).toThrow(RangeError);
    expect(() => signTreeHead(privateKey, { treeSize: 1, rootHash: 'ab', timestamp: new Date() })).toThrow(RangeError);
    expect(() => signTreeHead(privateKey, { treeSize: 1, rootHash: root, timestamp: 'soon' })).toThrow(RangeError);
  });
});

describe('checkHeadSequence', () => {
  it('accepts growing sizes, an unchanged size with the same root, and increasing times', () => {
    const heads = [
      head(0, '2026-11-22T03:00:00.000Z', EMPTY_ROOT),
      head(5, '2026-11-22T03:00:05.000Z'),
      head(5, '2026-11-22T03:00:10.000Z'),
      head(9, '2026-11-22T03:00:15.000Z', Buffer.from(EMPTY_ROOT).reverse()),
    ];
    expect(checkHeadSequence(heads)).toEqual([]);
  });

  it('flags a shrinking size', () => {
    const heads = [head(10, '2026-11-22T03:00:00.000Z'), head(9, '2026-11-22T03:00:05.000Z')];
    expect(checkHeadSequence(heads)).toEqual([expect.objectContaining({ index: 1, rule: 'size_shrank' })]);
  });

  it('flags a time that does not increase', () => {
    const heads = [
      head(1, '2026-11-22T03:00:05.000Z'),
      head(2, '2026-11-22T03:00:05.000Z'),
      head(3, '2026-11-22T03:00:04.000Z'),
    ];
    expect(checkHeadSequence(heads).map((i) => [i.index, i.rule])).toEqual([
      [1, 'time_not_increasing'],
      [2, 'time_not_increasing'],
    ]);
  });

  it('flags two heads of one size with different roots', () => {
    const heads = [
      head(4, '2026-11-22T03:00:00.000Z', root),
      head(8, '2026-11-22T03:00:05.000Z'),
      head(4, '2026-11-22T03:00:10.000Z', EMPTY_ROOT),
    ];
    expect(checkHeadSequence(heads).map((i) => i.rule)).toEqual(['size_shrank', 'root_conflict']);
  });
});
