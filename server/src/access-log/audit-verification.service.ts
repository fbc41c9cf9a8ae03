import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../authorization/abilities';
import { createPublicKey } from 'node:crypto';
import {
  formatProblem,
  verifyLog,
  verifyTreeHead,
  type Problem,
  type SignedTreeHead,
  type VerifyCheckpoint,
} from '@poc/audit';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { AuditRepository, HeadRow } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditPurgeService } from './audit-purge.service';
import { AuditSequencer } from './audit-sequencer';
import { AuditSigner } from './audit-signer';
import { beyondSealFinding, compareHeadSets, mergeHeads, sealHead, type Finding } from './head-sets';
import { HeadSink } from './head-sink';

export type VerificationMode = 'full' | 'incremental';

export interface VerificationResponse {
  id: number;
  requestedBy: string | null;
  result: 'intact' | 'tampered' | 'error';
  /** `full`: from the first stored event; `incremental`: from the last verified head. */
  mode: VerificationMode;
  treeSize: number;
  /** First and last seq read. */
  fromSeq: number;
  toSeq: number;
  checked: number;
  /** Events after the newest head outside the database (sealed in the database only). */
  unsignedTail: number;
  problems: (Pick<Problem, 'kind' | 'seq' | 'exact' | 'lastSeq'> & { message: string })[];
  startedAt: string;
  finishedAt: string;
}

/**
 * Checks the stored events against the signed heads: the copies in the sink directory (outside
 * the database), the database's own heads and its seal, each only if it carries the signer's
 * signature; the two sets of heads are compared with each other, and events past the seal are
 * reported (the sequencer seals every batch it commits). Incremental by default: it resumes
 * from the last verified head and reads only the newer events; `full` starts at the first
 * stored event. Each run is stored (who, when, mode, range, result, where to resume).
 */
@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly signer: AuditSigner,
    private readonly recorder: AuditService,
    private readonly purges: AuditPurgeService,
    private readonly sequencer: AuditSequencer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(ctx: StaffContext | null, options: { full?: boolean } = {}): Promise<VerificationResponse> {
    if (ctx) throwUnlessCan(ctx.ability, 'verify', 'AccessLog');
    const startedAt = this.clock.now();
    const publicKey = createPublicKey(this.signer.privateKey);
    // One snapshot: the seal and what lies past it (a batch committing meanwhile moves both).
    const { seal, maxSeq, beyond, firstBeyond } = await this.audit.sealAndTail();

    // Where to start: after a retention purge at the signed cut; incrementally at the last
    // verified head when there is one after the cut.
    const purge = await this.purges.latestVerified();
    const cut: VerifyCheckpoint | undefined = purge
      ? { treeSize: purge.record.purgedThrough, frontier: purge.record.frontier }
      : undefined;
    const previous = options.full ? null : await this.audit.latestResume();
    const from = previous && previous.treeSize >= (cut?.treeSize ?? 0) ? previous : cut;
    const mode: VerificationMode = previous && from === previous ? 'incremental' : 'full';
    const base = from?.treeSize ?? 0;

    const sinkHeads = (await new HeadSink(this.config.auditHeadDir).read()).filter((h) => h.treeSize >= base);
    const dbHeads = (await this.audit.heads(undefined, base)).map(toSigned);
    const findings: Finding[] = compareHeadSets(sinkHeads, dbHeads);
    const sealed = seal && !seal.legacy ? sealHead(seal) : null;
    if (sealed && !verifyTreeHead(publicKey, sealed)) {
      findings.push({
        kind: 'bad_signature',
        seq: null,
        exact: true,
        message: `the database's seal (size ${sealed.treeSize}) does not carry the console's signature`,
      });
    }
    if (seal === null) {
      findings.push({ kind: 'head_regression', seq: null, exact: true, message: 'the seal row (audit_seal) is gone' });
    }
    if (beyond > 0 && firstBeyond !== null && seal !== null) {
      findings.push(beyondSealFinding(beyond, firstBeyond, seal.treeSize));
    }
    const halted = this.sequencer.halted;
    if (halted !== null) {
      findings.push({ kind: 'inserted', seq: null, exact: false, message: `the sequencer has stopped: ${halted}` });
    }

    const heads = mergeHeads(sinkHeads, dbHeads, sealed && sealed.treeSize >= base ? [sealed] : []);
    // Events past the seal are reported above; reading them too would only repeat that.
    const through = seal && !seal.legacy ? Math.min(maxSeq, seal.treeSize) : maxSeq;
    const result = await verifyLog({
      events: this.audit.storedEvents(base + 1, through),
      heads,
      from,
      publicKeys: new Map([[this.signer.keyId, publicKey]]),
    });
    const problems: VerificationResponse['problems'] = [...result.problems, ...findings].map((p) => ({
      kind: p.kind,
      seq: p.seq,
      exact: p.exact,
      lastSeq: p.lastSeq,
      message: formatProblem(p as Problem),
    }));
    const outside = Math.max(0, ...sinkHeads.map((h) => h.treeSize));
    const unsignedTail = Math.max(0, maxSeq - Math.max(outside, base));
    const finishedAt = this.clock.now();
    const outcome = problems.length === 0 ? 'intact' : 'tampered';
    const treeSize = heads.at(-1)?.treeSize ?? base;
    // The next incremental run resumes at the newest head verified here (or where this one did).
    const resume = result.resume ?? (outcome === 'intact' ? (from ?? null) : null);
    const fromSeq = base + 1;
    const toSeq = Math.max(base, result.lastSeq);
    const id = await this.audit.insertVerification({
      requestedBy: ctx?.id ?? null,
      startedAt,
      finishedAt,
      treeSize,
      fromSeq,
      toSeq,
      result: outcome,
      problems,
      mode,
      resume,
      unsignedTail,
    });
    if (ctx) {
      await this.recorder.record(
        {
          action: 'view',
          resource: 'access-log-verification',
          outcome: 'success',
          detail: { id, result: outcome, mode },
        },
        ctx.origin,
      );
    }
    return {
      id,
      requestedBy: ctx?.id ?? null,
      result: outcome,
      mode,
      treeSize,
      fromSeq,
      toSeq,
      checked: result.checked,
      unsignedTail,
      problems,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
    };
  }

  /** The last verification, in the same shape as {@link verify} answers. */
  async latest(ctx: StaffContext): Promise<VerificationResponse | null> {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    const row = await this.audit.latestVerification();
    if (row === null) return null;
    return {
      id: row.id,
      requestedBy: row.requestedBy,
      result: row.result,
      mode: row.mode,
      treeSize: row.treeSize,
      fromSeq: row.fromSeq,
      toSeq: row.toSeq,
      checked: row.toSeq >= row.fromSeq ? row.toSeq - row.fromSeq + 1 : 0,
      unsignedTail: row.unsignedTail,
      problems: row.problems as VerificationResponse['problems'],
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt.toISOString(),
    };
  }
}

function toSigned(h: HeadRow): SignedTreeHead {
  return {
    keyId: h.keyId,
    treeSize: h.treeSize,
    rootHash: h.rootHash.toString('hex'),
    timestamp: h.signedAt.toISOString(),
    signature: h.signature.toString('base64'),
  };
}
