import { canonicalize, EXIT_COULD_NOT_RUN, parsePublicKeys, type VerifyCheckpoint } from '@poc/audit';
import { createPublicKey, KeyObject, verify } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AuditSigner } from '../access-log/audit-signer';
import { readHeads, SINK_FILE } from '../access-log/head-sink';
import { verifyDatabase } from '../access-log/verify-database';
import { describeError } from '../common/startup-error';
import { AppConfig } from '../config/app-config';
import { resolveDatabaseLocation } from '../database/database-location';

const usage = `Usage: npm run audit:verify -- [--database-url <postgres url>] [--heads <heads.jsonl|heads.json>] [--purges <purges.jsonl>] [--public-key <pem>]
Checks the console database's access log against the signed tree heads: those kept outside it
(the sink), the database's own heads and its seal (the head the sequencer signs in every batch).
The two sets of heads are compared, and reported where one lacks or differs from the other.
Events past the seal were not written by the sequencer and are reported as tampering; events
past the newest head outside the database are reported as the unsigned tail.
Defaults: the console's own database (DATABASE_URL or the embedded one), the heads in
AUDIT_HEAD_DIR (DATA_DIR/audit-heads/heads.jsonl, and purges.jsonl after a retention purge:
verification then starts at the signed cut) and the signing key's public half.
For an export, use the audit package's CLI: audit verify --events … --heads … --public-key …
Exit codes: 0 intact, 1 tampered, 2 could not run.`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        'database-url': { type: 'string' },
        heads: { type: 'string' },
        purges: { type: 'string' },
        'public-key': { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
    }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${usage}\n`);
    return EXIT_COULD_NOT_RUN;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const config = AppConfig.fromEnv();
  const headsFile = args.heads ?? join(config.auditHeadDir, SINK_FILE);
  if (!existsSync(headsFile)) {
    process.stderr.write(`No signed heads at ${headsFile}\n`);
    return EXIT_COULD_NOT_RUN;
  }
  const publicKeys = args['public-key']
    ? parsePublicKeys(readFileSync(args['public-key'], 'utf8'))
    : (() => {
        const signer = AuditSigner.load(config);
        return new Map([[signer.keyId, createPublicKey(signer.privateKey)]]);
      })();
  let databaseUrl = args['database-url'];
  let stop: (() => Promise<void>) | undefined;
  if (databaseUrl === undefined) {
    const location = await resolveDatabaseLocation(config, () => undefined, 'command');
    databaseUrl = location.ownerUrl;
    stop = location.embedded?.stop;
  }
  try {
    const from = lastSignedCut(args.purges ?? join(config.auditHeadDir, 'purges.jsonl'), publicKeys);
    return await verifyDatabase({ databaseUrl, outside: await readHeads(headsFile), publicKeys, from });
  } finally {
    await stop?.();
  }
}

/** The newest retention cut whose record carries a valid signature by one of the trusted keys. */
function lastSignedCut(file: string, keys: ReadonlyMap<string, KeyObject>): VerifyCheckpoint | undefined {
  if (!existsSync(file)) return undefined;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) return undefined;
  const { record, signature } = JSON.parse(last) as {
    record: { purgedThrough: number; frontier: VerifyCheckpoint['frontier']; keyId: string };
    signature: string;
  };
  const key = keys.get(record.keyId);
  if (!key || !verify(null, canonicalize(record), key, Buffer.from(signature, 'base64'))) {
    throw new Error(`the purge record in ${file} is not signed by a trusted key`);
  }
  return { treeSize: record.purgedThrough, frontier: record.frontier };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`ERROR could not verify: ${describeError(error)}\n`);
    process.exit(EXIT_COULD_NOT_RUN);
  },
);
