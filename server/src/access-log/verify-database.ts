import { runVerify, type CliIO, type Problem, type SignedTreeHead, type VerifyCheckpoint } from '@poc/audit';
import type { KeyObject } from 'node:crypto';
import { databaseEvents, databaseHeads } from './database-log-source';
import { beyondSealFinding, compareHeadSets, mergeHeads } from './head-sets';

/**
 * `audit verify` against a console database: the events checked against every signed head,
 * those kept outside the database (`outside`), the database's own and its seal; the two sets of
 * heads compared; events past the seal reported as tampering, and the unsigned tail (events
 * after the newest head outside the database) reported by size. Resolves to the exit code.
 */
export async function verifyDatabase(
  options: {
    databaseUrl: string;
    outside: SignedTreeHead[];
    publicKeys: ReadonlyMap<string, KeyObject>;
    from?: VerifyCheckpoint;
  },
  io?: CliIO,
): Promise<number> {
  const { databaseUrl, outside, publicKeys, from } = options;
  const inside = await databaseHeads(databaseUrl);
  const problems: Problem[] = compareHeadSets(outside, inside.heads);
  if (inside.sealedSize === null) {
    problems.push({ kind: 'head_regression', seq: null, exact: true, message: 'the seal row (audit_seal) is gone' });
  } else if (inside.beyond > 0 && inside.firstBeyond !== null) {
    problems.push(beyondSealFinding(inside.beyond, inside.firstBeyond, inside.sealedSize));
  }
  const newestOutside = Math.max(0, ...outside.map((h) => h.treeSize));
  const tail = Math.max(0, inside.maxSeq - Math.max(newestOutside, from?.treeSize ?? 0));
  const notes = [
    tail > 0
      ? `UNSIGNED TAIL: ${tail} event(s) after the newest head outside the database (size ${newestOutside}); only the database's seal covers them`
      : 'UNSIGNED TAIL: none (the newest head outside the database covers every stored event)',
  ];
  // A seal or database head without a valid signature is reported by the verifier itself.
  const heads = mergeHeads(outside, inside.heads, inside.seal ? [inside.seal] : []);
  // Events past the seal are reported above; reading them too would only repeat that.
  const through = inside.seal ? Math.min(inside.maxSeq, inside.seal.treeSize) : inside.maxSeq;
  return runVerify(
    { events: databaseEvents(databaseUrl, (from?.treeSize ?? 0) + 1, through), heads, publicKeys, from },
    io,
    { problems, notes },
  );
}
