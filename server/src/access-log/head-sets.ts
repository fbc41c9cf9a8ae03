import type { Problem, SignedTreeHead } from '@poc/audit';

/** A finding outside the event stream, in the shape the verifier reports its own. */
export type Finding = Omit<Problem, 'head'>;

/** One list of heads, sorted by size, each signed head once (the same head may come from several places). */
export function mergeHeads(...lists: readonly SignedTreeHead[][]): SignedTreeHead[] {
  const seen = new Map<string, SignedTreeHead>();
  for (const list of lists) for (const h of list) seen.set(`${h.treeSize}:${h.signature}`, h);
  return [...seen.values()].sort(
    (a, b) => a.treeSize - b.treeSize || Date.parse(a.timestamp) - Date.parse(b.timestamp),
  );
}

/**
 * Heads missing or different on either side: the copies outside the database (the sink) and
 * the database's audit_heads. The sequencer writes each head to both (the database first, and
 * copies any the sink lacks at start), so any difference is a finding.
 */
export function compareHeadSets(outside: readonly SignedTreeHead[], inside: readonly SignedTreeHead[]): Finding[] {
  const out: Finding[] = [];
  const insideBySize = new Map(inside.map((h) => [h.treeSize, h]));
  const outsideBySize = new Map(outside.map((h) => [h.treeSize, h]));
  for (const h of outside) {
    const stored = insideBySize.get(h.treeSize);
    if (stored === undefined) {
      out.push(
        headFinding(`the signed head of size ${h.treeSize} (${h.timestamp}) outside the database is missing from it`),
      );
    } else if (stored.rootHash !== h.rootHash || stored.signature !== h.signature || stored.timestamp !== h.timestamp) {
      out.push(
        headFinding(`the database's signed head of size ${h.treeSize} differs from the copy outside the database`),
      );
    }
  }
  for (const h of inside) {
    if (!outsideBySize.has(h.treeSize)) {
      out.push(
        headFinding(
          `the database's signed head of size ${h.treeSize} (${h.timestamp}) is missing outside the database`,
        ),
      );
    }
  }
  return out;
}

function headFinding(message: string): Finding {
  return { kind: 'head_regression', seq: null, exact: true, message };
}

/** Events stored past the seal: not written by the sequencer, which seals every batch it commits. */
export function beyondSealFinding(count: number, first: number, sealed: number): Finding {
  return {
    kind: 'inserted',
    seq: first,
    exact: true,
    message: `${count} event(s) from seq ${first} lie past the last signed seal (size ${sealed}): the sequencer did not write them`,
  };
}

/** The seal as the signed head it is (a legacy seal is not signed). */
export function sealHead(seal: {
  treeSize: number;
  rootHash: Buffer | null;
  signedAt: Date | null;
  keyId: string | null;
  signature: Buffer | null;
}): SignedTreeHead {
  return {
    keyId: seal.keyId ?? '',
    treeSize: seal.treeSize,
    rootHash: seal.rootHash?.toString('hex') ?? '',
    timestamp: seal.signedAt?.toISOString() ?? '',
    signature: seal.signature?.toString('base64') ?? '',
  };
}
