import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { createPublicKey } from 'node:crypto';
import { formatProblem, verifyLog, type Problem, type SignedTreeHead } from '@poc/audit';
import type { StaffContext } from '../auth/staff-context';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { AuditRepository, HeadRow } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditPurgeService } from './audit-purge.service';
import { AuditSigner } from './audit-signer';
import { HeadSink } from './head-sink';

export interface VerificationResponse {
  id: number;
  requestedBy: string | null;
  result: 'intact' | 'tampered' | 'error';
  treeSize: number;
  checked: number;
  problems: (Pick<Problem, 'kind' | 'seq' | 'exact' | 'lastSeq'> & { message: string })[];
  startedAt: string;
  finishedAt: string;
}

/**
 * Checks the stored events against the signed heads. The heads it trusts are the copies in the
 * sink directory (outside the database) and the key it trusts is the signer's own: a database
 * superuser can rewrite tables, heads and key rows, but not those. Heads in the database that
 * differ from the sink's are reported too. Each run is stored (who, when, range, result).
 */
@Injectable()
export class AuditVerificationService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly signer: AuditSigner,
    private readonly recorder: AuditService,
    private readonly purges: AuditPurgeService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async verify(ctx: StaffContext | null): Promise<VerificationResponse> {
    if (ctx) ForbiddenError.from(ctx.ability).throwUnlessCan('verify', 'AccessLog');
    const startedAt = this.clock.now();
    const sinkHeads = await this.sinkHeads();
    const dbHeads = (await this.audit.heads()).map(toSigned);
    const heads = sinkHeads.length > 0 ? sinkHeads : dbHeads;
    // After a retention purge, verification starts at the signed cut.
    const purge = await this.purges.latestVerified();
    const from = purge ? { treeSize: purge.record.purgedThrough, frontier: purge.record.frontier } : undefined;
    const result = await verifyLog({
      events: this.audit.storedEvents((from?.treeSize ?? 0) + 1),
      heads,
      from,
      publicKeys: new Map([[this.signer.keyId, createPublicKey(this.signer.privateKey)]]),
    });
    const problems: VerificationResponse['problems'] = result.problems.map((p) => ({
      kind: p.kind,
      seq: p.seq,
      exact: p.exact,
      lastSeq: p.lastSeq,
      message: formatProblem(p),
    }));
    for (const mismatch of compareHeads(sinkHeads, dbHeads)) problems.push(mismatch);
    const finishedAt = this.clock.now();
    const outcome = problems.length === 0 ? 'intact' : 'tampered';
    const treeSize = heads.at(-1)?.treeSize ?? 0;
    const id = await this.audit.insertVerification({
      requestedBy: ctx?.id ?? null,
      startedAt,
      finishedAt,
      treeSize,
      fromSeq: (from?.treeSize ?? 0) + 1,
      toSeq: result.lastSeq,
      result: outcome,
      problems,
    });
    if (ctx) {
      await this.recorder.record(
        { action: 'view', resource: 'access-log-verification', outcome: 'success', detail: { id, result: outcome } },
        ctx.origin,
      );
    }
    return {
      id,
      requestedBy: ctx?.id ?? null,
      result: outcome,
      treeSize,
      checked: result.checked,
      problems,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
    };
  }

  /** The last verification, in the same shape as {@link verify} answers. */
  async latest(ctx: StaffContext): Promise<VerificationResponse | null> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'AccessLog');
    const row = await this.audit.latestVerification();
    if (row === null) return null;
    return {
      id: row.id,
      requestedBy: row.requestedBy,
      result: row.result,
      treeSize: row.treeSize,
      checked: row.toSeq >= row.fromSeq ? row.toSeq - row.fromSeq + 1 : 0,
      problems: row.problems as VerificationResponse['problems'],
      startedAt: row.startedAt.toISOString(),
      finishedAt: row.finishedAt.toISOString(),
    };
  }

  private sinkHeads(): Promise<SignedTreeHead[]> {
    return new HeadSink(this.config.auditHeadDir).read();
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

/** Heads the database lost or changed, compared with the sink's copies. */
function compareHeads(sink: SignedTreeHead[], db: SignedTreeHead[]): VerificationResponse['problems'] {
  const bySize = new Map(db.map((h) => [h.treeSize, h]));
  const out: VerificationResponse['problems'] = [];
  for (const h of sink) {
    const stored = bySize.get(h.treeSize);
    if (stored === undefined || stored.rootHash !== h.rootHash || stored.signature !== h.signature) {
      out.push({
        kind: 'head_regression',
        seq: null,
        exact: true,
        message: `the database's signed head of size ${h.treeSize} is ${stored ? 'different from' : 'missing beside'} the copy outside the database`,
      });
    }
  }
  return out;
}
