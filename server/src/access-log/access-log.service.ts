import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../authorization/abilities';
import { AUDIT_EVENT_FIELDS, verifyConsistency, verifyInclusion } from '@poc/audit';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../calendar/clock';
import { exactDaysBetween } from '../calendar/instant';
import { flattenValidationErrors } from '../common/list-query';
import { csvDocument } from '../common/csv';
import { parseJsonParam } from '../common/json-input';
import { Problem } from '../common/problem';
import type { CanonicalAuditEvent } from './audit-event';
import { AuditRepository, HeadRow } from './audit.repository';
import { AuditService } from './audit.service';
import { AuditPurgeService } from './audit-purge.service';
import { StoredTree } from './stored-tree';
import { AccessLogFilterDto } from './dto/access-log.dto';
import { AccessLogErrorCode } from './access-log.errors';

const MAX_RANGE_DAYS = 366;
const JSON_OPEN = Buffer.from('[');
const JSON_COMMA = Buffer.from(',');
const JSON_CLOSE = Buffer.from(']');

export interface HeadResponse {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  keyId: string;
  signature: string;
}

const toHead = (h: HeadRow): HeadResponse => ({
  treeSize: h.treeSize,
  rootHash: h.rootHash.toString('hex'),
  timestamp: h.signedAt.toISOString(),
  keyId: h.keyId,
  signature: h.signature.toString('base64'),
});

/** Reading the access log: list, one event with its proof, heads and consistency proofs. */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly audit: AuditRepository,
    private readonly recorder: AuditService,
    private readonly purges: AuditPurgeService,
    private readonly clock: Clock,
  ) {}

  async list(
    ctx: StaffContext,
    rawFilter: string | undefined,
    before: number | undefined,
    limit: number,
  ): Promise<{ events: (CanonicalAuditEvent & { seq: number })[]; nextBefore: number | null }> {
    const { page, nextBefore } = await this.page(ctx, rawFilter, before, limit);
    return { events: page.map((r) => decode(r.canonical)), nextBefore };
  }

  /**
   * The same page as the JSON array the API answers with: the events' canonical bytes (each one
   * a JSON object with its seq) joined as they are stored, not parsed and serialised again.
   */
  async listJson(
    ctx: StaffContext,
    rawFilter: string | undefined,
    before: number | undefined,
    limit: number,
  ): Promise<{ json: string; nextBefore: number | null }> {
    const { page, nextBefore } = await this.page(ctx, rawFilter, before, limit);
    const parts = page.flatMap((r, i) => [i === 0 ? JSON_OPEN : JSON_COMMA, r.canonical]);
    if (parts.length === 0) parts.push(JSON_OPEN);
    parts.push(JSON_CLOSE);
    return { json: Buffer.concat(parts).toString('utf8'), nextBefore };
  }

  private async page(
    ctx: StaffContext,
    rawFilter: string | undefined,
    before: number | undefined,
    limit: number,
  ): Promise<{ page: { seq: number; canonical: Buffer }[]; nextBefore: number | null }> {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    const filter = parseFilter(rawFilter);
    const where = {
      ...filter,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
    };
    // The page and its own view event in one statement: it is answered only if the event committed.
    const rows = await this.recorder.recordWith(
      { action: 'view', resource: 'access-log', outcome: 'success', detail: { filter, before: before ?? null } },
      ctx.origin,
      (logged) => this.audit.listLogged(where, before, limit + 1, logged),
    );
    const page = rows.slice(0, limit);
    return { page, nextBefore: rows.length > limit ? page[page.length - 1].seq : null };
  }

  /**
   * The people (subject ids, without the `subject:` prefix) a staff member read in [from, to):
   * for selecting the people an incident touches. Sequenced events only. The caller checks its
   * ability and records.
   */
  subjectsReadBy(actorId: string, from: Date, to: Date): Promise<string[]> {
    return this.audit.subjectsReadBy(actorId, from, to, READ_ACTIONS);
  }

  /** Events by seq, decoded, for a feature that links them (an incident). The caller records. */
  async eventsBySeq(seqs: number[]): Promise<(CanonicalAuditEvent & { seq: number })[]> {
    if (seqs.length === 0) return [];
    return (await this.audit.findBySeqs(seqs)).map((r) => ({ ...decode(r.canonical), seq: r.seq }));
  }

  /**
   * One event, its stored leaf hash and an inclusion proof against the latest signed head, built
   * from the stored subtree roots (O(log n) rows). The proof is checked against the signed root
   * before it is served: stored hashes that were tampered with give a 409, not a bad proof.
   */
  async get(ctx: StaffContext, seq: number) {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    const [row, head, tree] = await Promise.all([this.audit.findBySeq(seq), this.audit.latestHead(), this.tree()]);
    if (row === null) throw Problem.of(AccessLogErrorCode.AuditEventNotFound, 'No event has this seq yet');
    let proof: { head: HeadResponse; leafIndex: number; path: string[] } | null = null;
    if (head !== null && head.treeSize >= seq) {
      const path = await tree.inclusionProof(seq - 1, head.treeSize).catch(() => {
        throw tampered(); // a stored hash the proof needs is gone
      });
      if (!verifyInclusion(row.leafHash, seq - 1, head.treeSize, path, head.rootHash)) throw tampered();
      proof = { head: toHead(head), leafIndex: seq - 1, path: path.map((h) => h.toString('hex')) };
    }
    await this.recorder.record(
      { action: 'view', resource: 'access-log-event', outcome: 'success', detail: { seq } },
      ctx.origin,
    );
    return {
      event: decode(row.canonical),
      canonical: row.canonical.toString('base64'),
      leafHash: row.leafHash.toString('hex'),
      proof,
    };
  }

  async heads(ctx: StaffContext, limit: number): Promise<HeadResponse[]> {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    return (await this.audit.heads(limit)).map(toHead).reverse();
  }

  /**
   * A consistency proof between two signed heads, from the stored subtree roots. After a
   * retention purge it is served between any two heads at or after the cut (the signed
   * frontier stands in for the purged events); a head before the cut cannot be proven.
   */
  async consistency(ctx: StaffContext, from: number, to: number) {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    if (from > to) throw Problem.validation([{ field: 'from', code: 'INVALID_RANGE', message: 'from must be ≤ to' }]);
    const [heads, tree] = await Promise.all([this.audit.headsOfSize(from === to ? [from] : [from, to]), this.tree()]);
    const a = heads.find((h) => h.treeSize === from);
    const b = heads.find((h) => h.treeSize === to);
    if (!a || !b) {
      throw Problem.of(AccessLogErrorCode.AuditHeadNotFound, 'Both sizes must be signed tree heads');
    }
    if (from < tree.purgedThrough) {
      throw Problem.of(
        AccessLogErrorCode.AuditLogPurged,
        `The events before seq ${tree.purgedThrough + 1} were purged: a head of size ${from} can no longer be proven; ` +
          'pick a head at or after the cut',
      );
    }
    const proof = await tree.consistencyProof(from, to).catch(() => {
      throw tampered();
    });
    if (!verifyConsistency(from, to, a.rootHash, b.rootHash, proof)) throw tampered();
    return {
      from: toHead(a),
      to: toHead(b),
      proof: proof.map((h) => h.toString('hex')),
    };
  }

  /** The log's tree as stored: subtree roots, leaf hashes, and the signed purge cut if any. */
  private async tree(): Promise<StoredTree> {
    const purge = await this.purges.latestVerified();
    return new StoredTree(
      { nodes: (keys) => this.audit.treeNodes(keys), leaves: (indexes) => this.audit.leafHashesAt(indexes) },
      purge?.record.frontier ?? null,
    );
  }

  /**
   * The log as CSV, at most EXPORT_LIMIT rows, newest first. The download is recorded, with its
   * reason, before a byte is produced: if it cannot be recorded, nothing is sent.
   */
  async exportCsv(
    ctx: StaffContext,
    filter: AccessLogFilterDto,
    reason: string,
  ): Promise<{ csv: string; rows: number; fileName: string }> {
    throwUnlessCan(ctx.ability, 'export', 'AccessLog');
    checkRange(filter);
    const where = {
      ...filter,
      from: filter.from ? new Date(filter.from) : undefined,
      to: filter.to ? new Date(filter.to) : undefined,
    };
    const events: CanonicalAuditEvent[] = [];
    let before: number | undefined;
    while (events.length < EXPORT_LIMIT) {
      const page = await this.audit.list(where, before, Math.min(5000, EXPORT_LIMIT - events.length));
      if (page.length === 0) break;
      events.push(...page.map((r) => decode(r.canonical)));
      before = page[page.length - 1].seq;
    }
    await this.recorder.record(
      {
        action: 'download',
        resource: 'access-log',
        outcome: 'success',
        purpose: reason,
        detail: { filter: { ...filter }, rows: events.length, format: 'csv' },
      },
      ctx.origin,
    );
    const stamp = this.clock.now().toISOString().replace(/[:.]/g, '-');
    return { csv: toCsv(events), rows: events.length, fileName: `access-log-${stamp}.csv` };
  }
}

export const EXPORT_LIMIT = 100_000;

/** The actions that read a person's data (as the monthly review counts reads). */
export const READ_ACTIONS = ['view', 'reveal', 'export', 'download', 'print'] as const;

/** The events as CSV, one column per event field; objects and arrays as JSON. */
export function toCsv(events: CanonicalAuditEvent[]): string {
  const text = (value: unknown): string =>
    value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return csvDocument(
    AUDIT_EVENT_FIELDS,
    events.map((e) => AUDIT_EVENT_FIELDS.map((c) => text(e[c]))),
  );
}

function tampered(): Problem {
  return Problem.of(AccessLogErrorCode.AuditLogTampered, 'The stored events no longer match the signed head');
}

function decode(canonical: Buffer): CanonicalAuditEvent {
  return JSON.parse(canonical.toString('utf8')) as CanonicalAuditEvent;
}

function parseFilter(raw: string | undefined): AccessLogFilterDto {
  const value: unknown = raw === undefined ? {} : parseJsonParam('filter', raw);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw Problem.validation([{ field: 'filter', code: 'INVALID_FILTER', message: 'The filter must be an object' }]);
  }
  const filter = plainToInstance(AccessLogFilterDto, value);
  const errors = validateSync(filter, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw Problem.validation(flattenValidationErrors(errors, 'filter.'));
  checkRange(filter);
  return filter;
}

function checkRange(filter: AccessLogFilterDto): void {
  if (filter.from && filter.to) {
    const days = exactDaysBetween(new Date(filter.from), new Date(filter.to));
    if (days < 0)
      throw Problem.validation([{ field: 'filter.to', code: 'INVALID_RANGE', message: 'to is before from' }]);
    if (days > MAX_RANGE_DAYS) {
      throw Problem.validation([
        {
          field: 'filter.to',
          code: AccessLogErrorCode.RangeTooLarge,
          message: `At most ${MAX_RANGE_DAYS} days at a time`,
        },
      ]);
    }
  }
}
