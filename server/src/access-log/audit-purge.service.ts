import { Inject, Injectable } from '@nestjs/common';
import { canonicalize, MerkleTreeBuilder, type MerkleFrontier } from '@poc/audit';
import { createPublicKey, sign, verify } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { Clock } from '../calendar/clock';
import { exactDaysBefore } from '../calendar/instant';
import { addCalendarDays, localDateOf, startOfLocalDate } from '../calendar/local-date';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { DATABASE_LOCATION, type DatabaseLocation } from '../database/database-location';
import { AuditRepository } from './audit.repository';
import { AuditSequencer, SequencerLockHeld } from './audit-sequencer';
import { AuditService } from './audit.service';
import { AuditSigner } from './audit-signer';
import { AccessLogErrorCode } from './access-log.errors';

/** What a purge record signs: where the cut is, and the tree's frontier there. */
export interface PurgeRecord {
  v: 1;
  purgedThrough: number;
  frontier: MerkleFrontier;
  rootAtCut: string;
  coveredByHead: { treeSize: number; rootHash: string };
  purgedAt: string;
  retentionDays: number;
  keyId: string;
}

export interface VerifiedPurge {
  record: PurgeRecord;
}

/**
 * The retention cut: events before the start of the day `days` calendar days ago in the
 * organisation's time zone go. Never later than exactly `days` × 24 hours ago, which the
 * database's own check (audit_purge) demands: where a daylight-saving change lies between, the
 * start of that day can be an hour later than that.
 */
export function retentionCutoff(now: Date, days: number, timeZone: string): Date {
  const startOfDay = startOfLocalDate(addCalendarDays(localDateOf(now, timeZone), -days), timeZone);
  const exact = exactDaysBefore(now, days);
  return startOfDay < exact ? startOfDay : exact;
}

/**
 * Retention of the access log (default 2 years): only the longest prefix of events older than
 * the limit (by the time in their signed bytes) goes, and only with a signed record of the cut
 * (its Merkle frontier) that the database verifies and stores, and a copy beside the heads, so
 * every later event and head still verifies. Run daily by the access-log-purge job (jobs/purge.job.ts).
 */
@Injectable()
export class AuditPurgeService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly sequencer: AuditSequencer,
    private readonly signer: AuditSigner,
    private readonly recorder: AuditService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(DATABASE_LOCATION) private readonly location: DatabaseLocation,
  ) {}

  async purge(): Promise<{ purgedThrough: number; deleted: number } | null> {
    // The job runs on whichever instance pg-boss gives it to. Where another instance leads the
    // sequencer, that one's checkpoints sign the heads (a cut that no head covers is refused below).
    await this.sequencer.flush().catch((error: unknown) => {
      if (!(error instanceof SequencerLockHeld)) throw error;
    });
    const now = this.clock.now();
    const { through, firstSeq } = await this.audit.prefixBefore(
      retentionCutoff(now, this.config.auditRetentionDays, this.config.orgTimeZone),
    );
    if (firstSeq === null || through < firstSeq) return null;

    const previous = await this.latestVerified();
    const builder = previous ? MerkleTreeBuilder.fromFrontier(previous.record.frontier) : new MerkleTreeBuilder();
    for (const leaf of await this.audit.leafHashesBetween(builder.size + 1, through)) builder.append(leaf);
    if (builder.size !== through) {
      throw Problem.of(AccessLogErrorCode.AuditLogGap, 'The log has a gap before the cut; run a verification');
    }
    const head = (await this.audit.heads(1)).at(-1);
    if (!head || head.treeSize < through) {
      throw Problem.of(AccessLogErrorCode.AuditHeadMissing, 'No signed head covers the events to purge yet');
    }
    const record: PurgeRecord = {
      v: 1,
      purgedThrough: through,
      frontier: builder.toFrontier(),
      rootAtCut: builder.root().toString('hex'),
      coveredByHead: { treeSize: head.treeSize, rootHash: head.rootHash.toString('hex') },
      purgedAt: now.toISOString(),
      retentionDays: this.config.auditRetentionDays,
      keyId: this.signer.keyId,
    };
    const signedRecord = canonicalize(record);
    const signature = sign(null, signedRecord, this.signer.privateKey);
    const deleted = await this.asSequencer(async (client) => {
      // The database checks the signature, the key, the age (by each event's signed time) and
      // the prefix before it deletes anything.
      const n = await this.audit.applyPurge(client, signedRecord, signature);
      // Beside the heads before the commit: a cut the database made is never missing outside it.
      await mkdir(this.config.auditHeadDir, { recursive: true });
      await appendFile(
        join(this.config.auditHeadDir, 'purges.jsonl'),
        `${JSON.stringify({ record, signature: signature.toString('base64') })}\n`,
      );
      return n;
    });
    await this.recorder.record(
      {
        action: 'delete',
        resource: 'access-log',
        outcome: 'success',
        detail: { purgedThrough: through, deleted, retentionDays: this.config.auditRetentionDays },
      },
      { requestId: 'retention' },
    );
    return { purgedThrough: through, deleted };
  }

  /** One transaction on the sequencer's role, the only one that may call audit_purge(). */
  private async asSequencer<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({
      connectionString: this.location.sequencerUrl,
      ...(this.location.sequencerRole ? { options: `-c role=${this.location.sequencerRole}` } : {}),
    });
    await client.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  }

  /** The newest purge record whose signature is the signer's; null when nothing was purged. */
  async latestVerified(): Promise<VerifiedPurge | null> {
    const row = await this.audit.latestPurge();
    if (row === null) return null;
    const record = row.record as unknown as PurgeRecord;
    const ok = verify(null, canonicalize(record), createPublicKey(this.signer.privateKey), row.signature);
    if (!ok) throw Problem.of(AccessLogErrorCode.AuditPurgeForged, 'A purge record has an invalid signature');
    return { record };
  }
}
