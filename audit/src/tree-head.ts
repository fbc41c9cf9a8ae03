import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalize } from './canonical';

/**
 * A checkpoint of the log: the Merkle root of its first `treeSize` events, signed with Ed25519
 * (RFC 6962 s3.5, with JSON instead of TLS encoding). This is the shape stored in the database,
 * written to the sink directory and put in an export.
 */
export interface SignedTreeHead {
  /** First 16 hex characters of SHA-256 of the signer's public key (SPKI DER); see {@link keyIdOf}. */
  keyId: string;
  /** Number of events covered. */
  treeSize: number;
  /** MTH of the first `treeSize` events, lowercase hex. */
  rootHash: string;
  /** When the head was signed, ISO 8601 UTC with milliseconds (`Date.prototype.toISOString`). */
  timestamp: string;
  /** Ed25519 signature over {@link treeHeadSigningBytes}, base64. */
  signature: string;
}

/** What {@link signTreeHead} signs. */
export interface TreeHeadInput {
  /** Number of events covered. */
  treeSize: number;
  /** The Merkle root: 32 bytes, or 64 hex characters. */
  rootHash: Uint8Array | string;
  /** Signing time; a string must be ISO 8601 UTC and is normalised to milliseconds. */
  timestamp: Date | string;
}

/** Version of the signed encoding, part of the signed bytes. */
export const TREE_HEAD_VERSION = 1;

const HEX64 = /^[0-9a-f]{64}$/;
const KEY_ID = /^[0-9a-f]{16}$/;
const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The key id of an Ed25519 key: the first 16 hex characters of SHA-256 of the DER-encoded
 * SubjectPublicKeyInfo. A private key is accepted and its public half used.
 */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/**
 * The exact bytes that are signed: the RFC 8785 canonical JSON of
 * `{keyId, rootHash, timestamp, treeSize, v: 1}`.
 */
export function treeHeadSigningBytes(head: Omit<SignedTreeHead, 'signature'>): Buffer {
  return canonicalize({
    keyId: head.keyId,
    rootHash: head.rootHash,
    timestamp: head.timestamp,
    treeSize: head.treeSize,
    v: TREE_HEAD_VERSION,
  });
}

/**
 * Signs a tree head with an Ed25519 private key.
 * @throws RangeError on a negative or fractional size, a root that is not 32 bytes, or a bad time.
 */
export function signTreeHead(privateKey: KeyObject, input: TreeHeadInput): SignedTreeHead {
  if (!Number.isSafeInteger(input.treeSize) || input.treeSize < 0) throw new RangeError('treeSize');
  const rootHash =
    typeof input.rootHash === 'string' ? input.rootHash.toLowerCase() : Buffer.from(input.rootHash).toString('hex');
  if (!HEX64.test(rootHash)) throw new RangeError('rootHash must be 32 bytes');
  const time = typeof input.timestamp === 'string' ? new Date(input.timestamp) : input.timestamp;
  if (Number.isNaN(time.getTime())) throw new RangeError('timestamp');
  const unsigned = { keyId: keyIdOf(privateKey), treeSize: input.treeSize, rootHash, timestamp: time.toISOString() };
  const signature = sign(null, treeHeadSigningBytes(unsigned), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/** `true` if `head` is well formed, names `publicKey`'s key id and its signature verifies. */
export function verifyTreeHead(publicKey: KeyObject, head: SignedTreeHead): boolean {
  if (!isWellFormedHead(head)) return false;
  if (head.keyId !== keyIdOf(publicKey)) return false;
  try {
    return verify(null, treeHeadSigningBytes(head), publicKey, Buffer.from(head.signature, 'base64'));
  } catch {
    return false;
  }
}

/** `true` if `value` has the {@link SignedTreeHead} shape (types and formats only, no signature check). */
export function isWellFormedHead(value: unknown): value is SignedTreeHead {
  if (typeof value !== 'object' || value === null) return false;
  const h = value as Record<string, unknown>;
  return (
    typeof h.keyId === 'string' &&
    KEY_ID.test(h.keyId) &&
    typeof h.treeSize === 'number' &&
    Number.isSafeInteger(h.treeSize) &&
    h.treeSize >= 0 &&
    typeof h.rootHash === 'string' &&
    HEX64.test(h.rootHash) &&
    typeof h.timestamp === 'string' &&
    ISO_MS.test(h.timestamp) &&
    !Number.isNaN(Date.parse(h.timestamp)) &&
    typeof h.signature === 'string' &&
    h.signature.length > 0
  );
}

/** One way a list of heads breaks the rules of {@link checkHeadSequence}. */
export interface HeadSequenceIssue {
  /** Index in the list of the head that breaks the rule. */
  index: number;
  /** `size_shrank`: smaller than its predecessor; `time_not_increasing`: not later than it;
   * `root_conflict`: an earlier head of the same size has a different root. */
  rule: 'size_shrank' | 'time_not_increasing' | 'root_conflict';
  /** Human-readable explanation. */
  message: string;
}

/**
 * Checks a list of heads in the order they were issued: sizes never shrink, timestamps strictly
 * increase, and two heads of the same size have the same root. Returns every violation (empty
 * when the sequence is sound). Signatures are not checked here.
 */
export function checkHeadSequence(heads: readonly SignedTreeHead[]): HeadSequenceIssue[] {
  const issues: HeadSequenceIssue[] = [];
  const rootBySize = new Map<number, string>();
  for (let i = 0; i < heads.length; i++) {
    const head = heads[i]!;
    const prev = i > 0 ? heads[i - 1]! : undefined;
    if (prev && head.treeSize < prev.treeSize) {
      issues.push({
        index: i,
        rule: 'size_shrank',
        message: `head ${i} has size ${head.treeSize}, smaller than the previous head's ${prev.treeSize}`,
      });
    }
    if (prev && !(Date.parse(head.timestamp) > Date.parse(prev.timestamp))) {
      issues.push({
        index: i,
        rule: 'time_not_increasing',
        message: `head ${i} is timed ${head.timestamp}, not after the previous head's ${prev.timestamp}`,
      });
    }
    const known = rootBySize.get(head.treeSize);
    if (known === undefined) rootBySize.set(head.treeSize, head.rootHash);
    else if (known !== head.rootHash) {
      issues.push({
        index: i,
        rule: 'root_conflict',
        message: `head ${i} has size ${head.treeSize} but a different root from an earlier head of that size`,
      });
    }
  }
  return issues;
}
