/*
 * An independent check, in the browser, that an access-log event is in the signed tree:
 * RFC 6962 hashing (leaf = SHA-256(0x00 || bytes), node = SHA-256(0x01 || left || right))
 * and the inclusion verification of RFC 9162 s2.1.3.2, with Web Crypto's SHA-256.
 */

type Digest = Pick<SubtleCrypto, 'digest'>;

const HASH_SIZE = 32;

const defaultSubtle = (): Digest | undefined => globalThis.crypto?.subtle;

/** Web Crypto exists only in a secure context (https or localhost). */
export const canCheckInBrowser = (): boolean => defaultSubtle() !== undefined;

const sha256 = async (subtle: Digest, prefix: number, ...parts: Uint8Array[]): Promise<Uint8Array> => {
  const data = new Uint8Array(1 + parts.reduce((sum, part) => sum + part.length, 0));
  data[0] = prefix;
  let offset = 1;
  for (const part of parts) {
    data.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await subtle.digest('SHA-256', data));
};

export const leafHash = (entry: Uint8Array, subtle: Digest = defaultSubtle()!): Promise<Uint8Array> =>
  sha256(subtle, 0x00, entry);

export const nodeHash = (left: Uint8Array, right: Uint8Array, subtle: Digest = defaultSubtle()!) =>
  sha256(subtle, 0x01, left, right);

export const fromHex = (hex: string): Uint8Array | null => {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) return null;
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return bytes;
};

export const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');

export const fromBase64 = (base64: string): Uint8Array | null => {
  try {
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
};

/**
 * RFC 9162 s2.1.3.2: true if `leaf` is the leaf at 0-based `index` of the tree of `treeSize`
 * leaves whose root is `root`, by the audit path `path`.
 */
export async function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  path: readonly Uint8Array[],
  root: Uint8Array,
  subtle: Digest = defaultSubtle()!,
): Promise<boolean> {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize) || index < 0 || index >= treeSize) return false;
  if (leaf.length !== HASH_SIZE || root.length !== HASH_SIZE) return false;
  // Arithmetic instead of >> so sizes above 2^31 work.
  const half = (x: number) => Math.floor(x / 2);
  const odd = (x: number) => x % 2 === 1;
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of path) {
    if (p.length !== HASH_SIZE || sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r, subtle);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(r, p, subtle);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && toHex(r) === toHex(root);
}

export type InclusionCheck =
  /** The canonical bytes hash to the leaf, and the leaf leads to the signed root. */
  | 'ok'
  /** No signed head covers the event yet. */
  | 'pending'
  /** The bytes shown do not hash to the stored leaf hash. */
  | 'leaf_mismatch'
  /** The audit path does not lead to the signed root. */
  | 'proof_invalid'
  /** No Web Crypto here (plain http). */
  | 'unavailable';

/** Recomputes the leaf from the canonical bytes and checks the inclusion proof against the head's root. */
export async function checkEventInclusion(
  evidence: {
    canonical: string;
    leafHash: string;
    proof: { head: { treeSize: number; rootHash: string }; leafIndex: number; path: string[] } | null;
  },
  subtle: Digest | null = defaultSubtle() ?? null,
): Promise<InclusionCheck> {
  if (!subtle) return 'unavailable';
  const canonical = fromBase64(evidence.canonical);
  if (!canonical) return 'leaf_mismatch';
  const leaf = await leafHash(canonical, subtle);
  if (toHex(leaf) !== evidence.leafHash.toLowerCase()) return 'leaf_mismatch';
  if (!evidence.proof) return 'pending';
  const { head, leafIndex, path } = evidence.proof;
  const root = fromHex(head.rootHash);
  const siblings = path.map(fromHex);
  if (!root || siblings.some((hash) => hash === null)) return 'proof_invalid';
  const included = await verifyInclusion(leaf, leafIndex, head.treeSize, siblings as Uint8Array[], root, subtle);
  return included ? 'ok' : 'proof_invalid';
}
