import { OutboxService } from '../../outbox/outbox.service';
import { RetentionRulesService } from '../../retention/rules/retention-rules.service';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../../access-log/audit.service';
import { CalendarService } from '../../calendar/calendar.service';
import { isLocalDate, localDateOf, type LocalDate } from '../../calendar/local-date';
import { Problem } from '../../common/problem';
import type { StaffContext } from '../../context/staff-context';
import type { AuditEventInput, EventOrigin } from '../../access-log/audit-event';
import { Transactions } from '../../database/transactions';
import type { EntityManager } from 'typeorm';
import type { DataCategory } from '../../registers/register-types';
import { ContactValues } from '../contact-values';
import { Aad, SubjectCrypto } from '../crypto/subject-crypto';
import { Masking } from '../masking';
import { SubjectKeysService } from '../subject-keys.service';
import { personSubject, separatedProblem } from '../subjects.service';
import { SubjectsErrorCode } from '../subjects.errors';
import {
  FulfilmentRepository,
  PLAIN_COLUMN_OF,
  type FulfilmentSubjectRow,
  type PlainField,
} from './fulfilment.repository';
import {
  CONSENT_PURPOSES,
  ERASURE_CATEGORIES,
  RECTIFIABLE_FIELDS,
  REGISTER_CATEGORIES_OF,
  STATUTORY_HOLD_OF,
  type ErasureCategory,
  type ErasureDecision,
  type ErasureProposal,
  type ErasureResult,
  type DueDestruction,
  type DueRecords,
  type LegalHoldView,
  type PersonDestroyed,
  type RecordsDestroyed,
  type RetentionDestruction,
  type RectificationChange,
} from './fulfilment-types';
import { SubjectKeyRotationJob } from './key-rotation.job';
import { shiftByPeriod } from '../../calendar/period';

export * from './fulfilment-types';

/**
 * The categories whose values are sealed under the person's data key. When all of them are erased
 * nothing kept needs the key, and destroying it (crypto-shredding) makes every copy of those
 * ciphertexts, backups included, unreadable.
 */
const KEYED_CATEGORIES: readonly ErasureCategory[] = [
  'identity',
  'contact',
  'counseling',
  'sensitive',
  'bookings',
  'financial',
];

interface Hold extends LegalHoldView {
  latestRecordOn: LocalDate;
}

/**
 * Carries out what a rights request decided, on the subject data (F7 contract §3). Every method
 * runs in its caller's ambient transaction (or its own) and writes its access-log events there,
 * each naming the rights request. Whether the staff member may decide is the caller's check (the
 * request's four-eyes approval); this service checks what the data allows.
 */
@Injectable()
export class SubjectFulfilmentService {
  constructor(
    private readonly repo: FulfilmentRepository,
    private readonly tx: Transactions,
    private readonly keys: SubjectKeysService,
    private readonly crypto: SubjectCrypto,
    private readonly audit: AuditService,
    private readonly calendar: CalendarService,
    private readonly rotation: SubjectKeyRotationJob,
    private readonly outbox: OutboxService,
    private readonly rules: RetentionRulesService,
  ) {}

  /**
   * The people holding data of a register data category (F4), e.g. the people a breach of that
   * category touches: through the erasure categories that store it. Ids only; the caller checks
   * its ability and records.
   */
  holdersOf(category: DataCategory): Promise<string[]> {
    const stored = ERASURE_CATEGORIES.filter((c) => REGISTER_CATEGORIES_OF[c].includes(category));
    return this.repo.holders(stored);
  }

  /** Which categories the person has data in, and which of them a statute still holds. */
  async proposeErasure(subjectId: string): Promise<ErasureProposal> {
    return this.tx.run(async () => {
      await this.subject(subjectId, false);
      const categories: ErasureProposal['categories'] = [];
      for (const category of ERASURE_CATEGORIES) {
        const present = await this.repo.present(subjectId, category);
        const hold = present ? await this.statutoryHold(subjectId, category) : null;
        categories.push({ category, present, hold: hold && viewOf(hold) });
      }
      return { categories };
    });
  }

  /**
   * Erases or retains each category as decided. Erasing a category a statute holds is refused
   * (409 LEGAL_HOLD naming the statute) before anything changes. Erasing the identity leaves a
   * tombstone; once no keyed category holds data or is retained, the data key is destroyed.
   */
  async erase(
    ctx: StaffContext,
    subjectId: string,
    decisions: ErasureDecision[],
    requestId: string,
  ): Promise<ErasureResult> {
    return this.tx.run((manager) => this.eraseIn(ctx, subjectId, decisions, requestId, manager, false));
  }

  /**
   * The decisions checked as `erase` would check them, changing nothing: unknown or repeated
   * categories (422) and erasing what a statute holds (409 LEGAL_HOLD naming the statute). A
   * preparer learns it at once; the erasure checks again, as a payment may come in between.
   */
  async checkErasure(subjectId: string, decisions: ErasureDecision[]): Promise<void> {
    checkDecisions(decisions);
    await this.tx.run(async () => {
      const subject = await this.subject(subjectId, false);
      if (subject.separatedAt !== null) throw separatedProblem(subject.separatedAt);
      await this.refuseHeld(subjectId, decisions);
    });
  }

  /** Account withdrawal: every category erased except those a statute holds, and the account withdrawn. */
  async withdrawAccount(ctx: StaffContext, subjectId: string, requestId: string): Promise<ErasureResult> {
    return this.tx.run(async (manager) => {
      await this.subject(subjectId);
      const decisions: ErasureDecision[] = [];
      for (const category of ERASURE_CATEGORIES) {
        const hold = await this.statutoryHold(subjectId, category);
        decisions.push(
          hold
            ? { category, action: 'retain', retentionRuleCode: hold.retentionRuleCode }
            : { category, action: 'erase' },
        );
      }
      return this.eraseIn(ctx, subjectId, decisions, requestId, manager, true);
    });
  }

  /** A change to one field, its before and after kept sealed under the person's key; masks and indexes follow. */
  async rectify(
    ctx: StaffContext,
    subjectId: string,
    change: RectificationChange,
    requestId: string,
  ): Promise<{ field: string }> {
    if (!(RECTIFIABLE_FIELDS as readonly string[]).includes(change.field)) {
      throw Problem.validation([
        { field: 'field', code: SubjectsErrorCode.NotRectifiable, message: `One of ${RECTIFIABLE_FIELDS.join(', ')}` },
      ]);
    }
    return this.tx.run(async (manager) => {
      const subject = await this.subject(subjectId);
      if (subject.erasedAt !== null) throw erased(subjectId);
      const current = (await this.repo.contactAndPlain(subjectId))!;
      const key = await this.keys.dataKey(subjectId, manager);
      const now = this.calendar.now();
      const aad = (side: 'before' | 'after') => `rectification:${subjectId}:${change.field}:${side}`;
      let before: string | null;
      let after: string | null;
      if (change.field === 'email' || change.field === 'phone') {
        const kind = change.field;
        const cipher = current[`${kind}Cipher`] as Buffer | null;
        before = cipher ? this.crypto.open(key, Aad.contact(subjectId, kind), cipher) : null;
        after = change.value === null ? null : ContactValues[kind](change.value);
        if (change.value !== null && after === null) {
          throw Problem.validation([
            {
              field: 'value',
              code: kind === 'email' ? SubjectsErrorCode.InvalidEmail : SubjectsErrorCode.InvalidPhone,
              message: kind === 'email' ? 'Not an email address' : 'Not a phone number',
            },
          ]);
        }
        await this.repo.setContact(
          subjectId,
          kind,
          after === null
            ? null
            : {
                cipher: this.crypto.seal(key, Aad.contact(subjectId, kind), after),
                index: this.crypto.index(kind, after),
                mask: kind === 'email' ? Masking.email(after) : Masking.phone(after),
              },
          now,
        );
      } else {
        const field: PlainField = change.field;
        before = (current[field] as string | null) ?? null;
        after = plainValue(field, change.value);
        await this.repo.setPlain(
          subjectId,
          field,
          after,
          now,
          field === 'name' && after !== null ? ContactValues.nameKey(after) : undefined,
        );
      }
      const rectificationId = await this.repo.insertRectification({
        subjectId,
        field: change.field,
        beforeCipher: before === null ? null : this.crypto.seal(key, aad('before'), before),
        afterCipher: after === null ? null : this.crypto.seal(key, aad('after'), after),
        rightsRequestId: requestId,
        staffId: ctx.id,
        createdAt: now,
      });
      // The values are personal data: the event names the field, never the values.
      await this.audit.record(
        {
          action: 'edit',
          resource: 'subject',
          outcome: 'success',
          subjectId: personSubject(subjectId),
          fields: [change.field],
          purpose: 'rights-request:rectification',
          detail: { rightsRequestId: requestId, rectificationId },
        },
        ctx.origin,
        manager,
      );
      return { field: change.field };
    });
  }

  /** Suspends processing from now (PIPA Art. 37): account actions and exports refuse until lifted. */
  async restrict(ctx: StaffContext, subjectId: string, requestId: string, reason: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const subject = await this.subject(subjectId);
      if (subject.restrictedAt !== null) {
        throw Problem.of(SubjectsErrorCode.StateConflict, 'Processing of this person is already restricted');
      }
      const now = this.calendar.now();
      await this.repo.setRestriction(subjectId, { at: now, requestId }, now);
      await this.audit.record(
        {
          action: 'edit',
          resource: 'subject-restriction',
          outcome: 'success',
          subjectId: personSubject(subjectId),
          fields: ['processingRestricted'],
          purpose: reason,
          detail: { rightsRequestId: requestId, restricted: true },
        },
        ctx.origin,
        manager,
      );
    });
  }

  async liftRestriction(ctx: StaffContext, subjectId: string, requestId: string, reason: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const subject = await this.subject(subjectId);
      if (subject.restrictedAt === null) {
        throw Problem.of(SubjectsErrorCode.StateConflict, 'Processing of this person is not restricted');
      }
      const now = this.calendar.now();
      await this.repo.setRestriction(subjectId, null, now);
      await this.audit.record(
        {
          action: 'edit',
          resource: 'subject-restriction',
          outcome: 'success',
          subjectId: personSubject(subjectId),
          fields: ['processingRestricted'],
          purpose: reason,
          detail: { rightsRequestId: requestId, restricted: false, since: subject.restrictedAt.toISOString() },
        },
        ctx.origin,
        manager,
      );
    });
  }

  /** Whether processing of the person is suspended (exports and account actions refuse then). */
  async isRestricted(subjectId: string): Promise<boolean> {
    return (await this.repo.restrictedAt(subjectId)) !== null;
  }

  /** Throws 409 SUBJECT_RESTRICTED while processing of the person is suspended. */
  async assertNotRestricted(subjectId: string): Promise<void> {
    if (await this.isRestricted(subjectId)) throw restricted();
  }

  /** Withdraws consent per purpose, effective now; marketing withdrawn suppresses marketing at once. */
  async withdrawConsents(
    ctx: StaffContext,
    subjectId: string,
    purposes: string[],
    requestId: string,
  ): Promise<{ withdrawn: string[] }> {
    const unknown = purposes
      .map((purpose, index) => ({ purpose, index }))
      .filter(({ purpose }) => !(CONSENT_PURPOSES as readonly string[]).includes(purpose));
    if (purposes.length === 0 || unknown.length > 0) {
      throw Problem.validation(
        (unknown.length > 0 ? unknown : [{ index: 0 }]).map(({ index }) => ({
          field: `purposes.${index}`,
          code: SubjectsErrorCode.UnknownPurpose,
          message: `One of ${CONSENT_PURPOSES.join(', ')}`,
        })),
      );
    }
    return this.tx.run(async (manager) => {
      await this.subject(subjectId);
      const now = this.calendar.now();
      const withdrawn = await this.repo.withdrawConsents(subjectId, purposes, now);
      const suppressed = purposes.includes('marketing');
      if (suppressed) await this.repo.suppressMarketing(subjectId, now);
      await this.audit.record(
        {
          action: 'edit',
          resource: 'subject-consent',
          outcome: 'success',
          subjectId: personSubject(subjectId),
          fields: ['consents', ...(suppressed ? ['marketingSuppressed'] : [])],
          purpose: 'rights-request:consent_withdrawal',
          detail: { rightsRequestId: requestId, asked: [...purposes].sort(), withdrawn },
        },
        ctx.origin,
        manager,
      );
      return { withdrawn };
    });
  }

  // ---------------------------------------------------------------------------------------------

  private async eraseIn(
    ctx: StaffContext,
    subjectId: string,
    decisions: ErasureDecision[],
    requestId: string,
    manager: Parameters<Parameters<Transactions['run']>[0]>[0],
    withdraw: boolean,
  ): Promise<ErasureResult> {
    checkDecisions(decisions);
    const subject = await this.subject(subjectId);
    // A separated account's profile and own rows are in the dormant store, which only reactivation
    // reads: erasing now would leave them there. Support reactivates first (identity checked).
    if (subject.separatedAt !== null) throw separatedProblem(subject.separatedAt);
    const erase = decisions.filter((d) => d.action === 'erase').map((d) => d.category);
    const retain = decisions.filter((d): d is Extract<ErasureDecision, { action: 'retain' }> => d.action === 'retain');
    // Every refusal before the first change.
    await this.refuseHeld(subjectId, decisions);
    const holds: { category: ErasureCategory; hold: Hold }[] = [];
    for (const [index, d] of decisions.entries()) {
      if (d.action !== 'retain') continue;
      holds.push({ category: d.category, hold: await this.retentionHold(subjectId, d, index) });
    }
    const now = this.calendar.now();
    const rows: Partial<Record<ErasureCategory, number>> = {};
    for (const category of erase) rows[category] = await this.repo.erase(subjectId, category, now);
    for (const { category, hold } of holds) {
      await this.repo.insertHold({
        subjectId,
        category,
        retentionRuleCode: hold.retentionRuleCode,
        law: hold.law,
        latestRecordOn: hold.latestRecordOn,
        destroyOn: hold.destroyOn,
        rightsRequestId: requestId,
        createdAt: now,
      });
    }
    // The key goes once nothing sealed under it stays: every keyed category erased now or holding
    // nothing (a child has no financial profile), none retained, and at least one erased here.
    const shred =
      erase.some((c) => KEYED_CATEGORIES.includes(c)) &&
      !retain.some((d) => KEYED_CATEGORIES.includes(d.category)) &&
      !(await this.keyedDataLeft(subjectId, erase));
    const shredded = shred ? (await this.keys.shred([subjectId], manager)).length > 0 : false;
    // The messages sent to the person hold their address and what was said: gone with the contact data.
    if (erase.includes('contact')) await this.outbox.forgetRecipient('subject', subjectId);
    const tombstone = erase.includes('identity') && subject.erasedAt === null;
    if (tombstone) {
      await this.repo.insertTombstone({
        subjectId,
        service: subject.service,
        kind: subject.kind,
        erasedAt: now,
        rightsRequestId: requestId,
        erased: [...erase].sort(),
        retained: retain.map((r) => r.category).sort(),
      });
    }
    if (withdraw) await this.repo.setWithdrawn(subjectId, now);
    const detail = {
      rightsRequestId: requestId,
      erased: [...erase].sort(),
      rows,
      retained: holds.map(({ category, hold }) => ({ category, ...viewOf(hold) })),
      shredded,
      tombstone,
      withdrawn: withdraw,
    };
    await this.audit.record(
      {
        action: 'delete',
        resource: 'subject-data',
        outcome: 'success',
        subjectId: personSubject(subjectId),
        fields: [...erase].sort(),
        purpose: withdraw ? 'rights-request:account_withdrawal' : 'rights-request:erasure',
        detail,
      },
      ctx.origin,
      manager,
    );
    if (shredded) {
      await this.recordShredded(
        subjectId,
        'rights-request:erasure',
        { rightsRequestId: requestId },
        ctx.origin,
        manager,
      );
    }
    return {
      erased: [...erase].sort(),
      retained: holds.map(({ category, hold }) => ({ category, ...viewOf(hold) })),
      shredded,
      tombstone,
    };
  }

  /**
   * A retention rule's period is over (F9): destroys, or pseudonymises where the rule says so, one
   * person's records of a category whose trigger time is before `cutoff`, in the caller's
   * transaction (see destroyRecordsBatch for the run's batches). An item for a statute's hold of F7 reaching
   * its destroy_on also erases what the hold kept, and releases the hold. The access-log event
   * names the rule and counts; nothing of the records. An erased person whose last keyed data this
   * was loses their data key (crypto-shredding), as an erasure would do it.
   */
  async destroyRecords(
    subjectId: string,
    records: DueRecords,
    cutoff: Date,
    retention: RetentionDestruction,
    origin: EventOrigin,
  ): Promise<RecordsDestroyed> {
    return this.tx.run(async (manager) => {
      const subject = await this.subject(subjectId);
      return this.destroyDue(subject, { records, cutoff, retention }, origin, manager);
    });
  }

  /**
   * Many people's due records in the caller's transaction (the destruction run's batch): the
   * people are locked in one statement, then each person's items go under a savepoint of their
   * own, exactly as `destroyRecords` does them, so a person whose destruction fails is rolled back
   * alone (nothing of theirs half-destroyed) and the others go on.
   */
  async destroyRecordsBatch(
    people: readonly { subjectId: string; items: readonly DueDestruction[] }[],
    origin: EventOrigin,
  ): Promise<PersonDestroyed[]> {
    return this.tx.run(async (manager) => {
      const subjects = new Map((await this.repo.findSubjects(people.map((p) => p.subjectId))).map((s) => [s.id, s]));
      const results: PersonDestroyed[] = [];
      // Most people need only the category's statements and one event per item: those go
      // set-based under one savepoint. If that fails, everyone falls back to one savepoint each,
      // which isolates the person who fails.
      const simple = people.filter((p) => {
        const subject = subjects.get(p.subjectId);
        return subject !== undefined && p.items.every((item) => !this.personal(subject, item));
      });
      const simpleIds = new Set(simple.map((p) => p.subjectId));
      let alone = people.filter((p) => !simpleIds.has(p.subjectId));
      if (simple.length > 0) {
        try {
          results.push(...(await this.tx.savepoint(() => this.destroySetBased(simple, origin, manager))));
        } catch {
          alone = [...people];
        }
      }
      for (const { subjectId, items } of alone) {
        try {
          const done = await this.tx.savepoint(async () => {
            const subject = subjects.get(subjectId);
            if (subject === undefined) {
              throw Problem.of(SubjectsErrorCode.SubjectNotFound, `No person has the id ${subjectId}`);
            }
            const out: RecordsDestroyed[] = [];
            for (const item of items) out.push(await this.destroyDue(subject, item, origin, manager));
            return out;
          });
          results.push({ subjectId, ok: true, items: done });
        } catch (error) {
          results.push({ subjectId, ok: false, error });
        }
      }
      return results;
    });
  }

  /** Whether an item needs its person's own path: a statute's hold to release, or a key that may go. */
  private personal(subject: FulfilmentSubjectRow, { records, retention }: DueDestruction): boolean {
    return (
      retention.statutoryHoldId !== null ||
      (subject.erasedAt !== null &&
        retention.action === 'destroy' &&
        KEYED_CATEGORIES.includes(records.erasureCategory))
    );
  }

  /**
   * Locked people none of whose items is personal: each rule's statements once for them all
   * (rows counted per owner), then one access-log event per item, in one statement.
   */
  private async destroySetBased(
    people: readonly { subjectId: string; items: readonly DueDestruction[] }[],
    origin: EventOrigin,
    manager: EntityManager,
  ): Promise<PersonDestroyed[]> {
    // One group per rule, statements and cutoff: a person has at most one item in each.
    const groups = new Map<string, { item: DueDestruction; people: { subjectId: string; index: number }[] }>();
    for (const { subjectId, items } of people) {
      items.forEach((item, index) => {
        const key = JSON.stringify([item.retention.ruleCode, item.records.statements, item.cutoff.toISOString()]);
        const group = groups.get(key) ?? { item, people: [] };
        group.people.push({ subjectId, index });
        groups.set(key, group);
      });
    }
    const rows = new Map(people.map((p) => [p.subjectId, p.items.map(() => 0)]));
    for (const { item, people: members } of groups.values()) {
      const touched = await this.repo.destroyDueOf(
        item.records.statements,
        members.map((m) => m.subjectId),
        item.cutoff,
      );
      for (const m of members) rows.get(m.subjectId)![m.index] = touched.get(m.subjectId) ?? 0;
    }
    const events = people.flatMap(({ subjectId, items }) =>
      items.map((item, i) => this.retentionEvent(subjectId, item, rows.get(subjectId)![i], false)),
    );
    await this.audit.recordMany(events, origin, manager);
    return people.map(({ subjectId }) => ({
      subjectId,
      ok: true as const,
      items: rows.get(subjectId)!.map((n) => ({ rows: n, shredded: false })),
    }));
  }

  /** The access-log event of one destroyed item: the rule and counts, nothing of the records. */
  private retentionEvent(
    subjectId: string,
    { records, cutoff, retention }: DueDestruction,
    rows: number,
    shredded: boolean,
  ): AuditEventInput {
    return {
      action: 'delete',
      resource: 'subject-data',
      outcome: 'success',
      subjectId: personSubject(subjectId),
      fields: [records.category],
      purpose: `retention:${retention.ruleCode}`,
      detail: {
        runId: retention.runId,
        ruleVersion: retention.ruleVersion,
        category: records.category,
        action: retention.action,
        cutoff: cutoff.toISOString(),
        rows,
        statutoryHoldId: retention.statutoryHoldId,
        shredded,
      },
    };
  }

  /** One item of one locked person: the rows, a statute's hold, the key, the access-log event. */
  private async destroyDue(
    subject: FulfilmentSubjectRow,
    { records, cutoff, retention }: DueDestruction,
    origin: EventOrigin,
    manager: EntityManager,
  ): Promise<RecordsDestroyed> {
    const subjectId = subject.id;
    const now = this.calendar.now();
    let rows = await this.repo.destroyDue(records.statements, subjectId, cutoff);
    const emptied: ErasureCategory[] = [];
    if (retention.statutoryHoldId !== null) {
      const hold = await this.repo.openStatutoryHold(retention.statutoryHoldId, subjectId);
      if (hold !== null) {
        const category = hold.category as ErasureCategory;
        rows += await this.repo.erase(subjectId, category, now);
        await this.repo.releaseHold(hold.id, now);
        emptied.push(category);
      }
    }
    const keyed = [records.erasureCategory, ...emptied].some((c) => KEYED_CATEGORIES.includes(c));
    const shred =
      subject.erasedAt !== null &&
      retention.action === 'destroy' &&
      keyed &&
      !(await this.keyedDataLeft(subjectId, emptied));
    const shredded = shred ? (await this.keys.shred([subjectId], manager)).length > 0 : false;
    const purpose = `retention:${retention.ruleCode}`;
    await this.audit.record(
      this.retentionEvent(subjectId, { records, cutoff, retention }, rows, shredded),
      origin,
      manager,
    );
    if (shredded) await this.recordShredded(subjectId, purpose, { runId: retention.runId }, origin, manager);
    return { rows, shredded };
  }

  /** Whether any keyed category other than `except` still holds the person's data. */
  private async keyedDataLeft(subjectId: string, except: readonly ErasureCategory[]): Promise<boolean> {
    for (const category of KEYED_CATEGORIES) {
      if (!except.includes(category) && (await this.repo.present(subjectId, category))) return true;
    }
    return false;
  }

  private async recordShredded(
    subjectId: string,
    purpose: string,
    detail: Record<string, unknown>,
    origin: EventOrigin,
    manager: EntityManager,
  ): Promise<void> {
    await this.audit.record(
      {
        action: 'delete',
        resource: 'subject-key',
        outcome: 'success',
        subjectId: personSubject(subjectId),
        fields: ['dataKey'],
        purpose,
        detail,
      },
      origin,
      manager,
    );
    // The KEK that wrapped the destroyed key is retired once this transaction commits.
    await this.rotation.queue(manager);
  }

  /** The person, locked for the change by default (two fulfilments of one person run one after the other). */
  private async subject(subjectId: string, lock = true): Promise<FulfilmentSubjectRow> {
    const row = await this.repo.findSubject(subjectId, lock);
    if (row === null) throw Problem.of(SubjectsErrorCode.SubjectNotFound, `No person has the id ${subjectId}`);
    return row;
  }

  /** 409 LEGAL_HOLD, naming each statute, when a decision erases a category a statute still holds. */
  private async refuseHeld(subjectId: string, decisions: ErasureDecision[]): Promise<void> {
    const held: { index: number; hold: Hold }[] = [];
    for (const [index, d] of decisions.entries()) {
      if (d.action !== 'erase') continue;
      const hold = await this.statutoryHold(subjectId, d.category);
      if (hold) held.push({ index, hold });
    }
    if (held.length > 0) {
      throw Problem.of(
        SubjectsErrorCode.LegalHold,
        `Held by statute: ${[...new Set(held.map((h) => h.hold.law))].join('; ')}`,
        held.map(({ index, hold }) => ({
          field: `decisions.${index}`,
          code: SubjectsErrorCode.LegalHold,
          message: `${decisions[index].category} is kept under ${hold.law} (${hold.retentionRuleCode}) until ${hold.destroyOn}`,
        })),
      );
    }
  }

  /** The statute keeping this category now, if any: its rule's period runs from the latest record. */
  private async statutoryHold(subjectId: string, category: ErasureCategory): Promise<Hold | null> {
    const code = STATUTORY_HOLD_OF[category];
    if (code === undefined) return null;
    const latest = await this.repo.latestRecordAt(subjectId, category);
    if (latest === null) return null;
    const [rule] = await this.rules.byCodes([code]);
    if (rule?.retention.period === undefined) {
      throw new Error(`Retention rule ${code} is missing or has no period`);
    }
    const latestRecordOn = localDateOf(latest, this.calendar.timeZone);
    const destroyOn = shiftByPeriod(latestRecordOn, rule.retention.period, 1);
    if (destroyOn === null) throw new Error(`Retention rule ${code} has no ISO 8601 period`);
    // The period is over: nothing holds the data any more.
    if (destroyOn <= this.calendar.today()) return null;
    return { retentionRuleCode: code, law: rule.retention.law ?? rule.source, destroyOn, latestRecordOn };
  }

  /** The hold a "retain" decision asks for: the named rule's period from the latest record. */
  private async retentionHold(
    subjectId: string,
    decision: Extract<ErasureDecision, { action: 'retain' }>,
    index: number,
  ): Promise<Hold> {
    const [rule] = await this.rules.byCodes([decision.retentionRuleCode]);
    const period = rule?.retention.period;
    if (rule === undefined || period === undefined) {
      throw Problem.validation([
        {
          field: `decisions.${index}.retentionRuleCode`,
          code: SubjectsErrorCode.UnknownRetentionRule,
          message: 'A retention rule with a period (retention_rules.code)',
        },
      ]);
    }
    const latest = await this.repo.latestRecordAt(subjectId, decision.category);
    const latestRecordOn = latest === null ? this.calendar.today() : localDateOf(latest, this.calendar.timeZone);
    const destroyOn = shiftByPeriod(latestRecordOn, period, 1);
    if (destroyOn === null) throw new Error(`Retention rule ${rule.code} has no ISO 8601 period`);
    return { retentionRuleCode: rule.code, law: rule.retention.law ?? rule.source, destroyOn, latestRecordOn };
  }
}

function viewOf(hold: Hold): LegalHoldView {
  return { retentionRuleCode: hold.retentionRuleCode, law: hold.law, destroyOn: hold.destroyOn };
}

function checkDecisions(decisions: ErasureDecision[]): void {
  const seen = new Set<string>();
  const problems = decisions.flatMap((d, index) => {
    if (!(ERASURE_CATEGORIES as readonly string[]).includes(d.category)) {
      return [{ field: `decisions.${index}.category`, code: SubjectsErrorCode.UnknownCategory, message: 'Unknown' }];
    }
    if (seen.has(d.category)) {
      return [
        { field: `decisions.${index}.category`, code: SubjectsErrorCode.UnknownCategory, message: 'Decided twice' },
      ];
    }
    seen.add(d.category);
    return [];
  });
  if (decisions.length === 0) {
    problems.push({
      field: 'decisions',
      code: SubjectsErrorCode.UnknownCategory,
      message: 'Decide at least one category',
    });
  }
  if (problems.length > 0) throw Problem.validation(problems, 'The erasure decisions are invalid');
}

function plainValue(field: PlainField, value: string | null): string | null {
  if (value === null) {
    if (field === 'name') {
      throw Problem.validation([{ field: 'value', code: 'REQUIRED', message: 'A name cannot be emptied: erase it' }]);
    }
    return null;
  }
  const trimmed = value.trim();
  const valid =
    field === 'birthDate'
      ? isLocalDate(trimmed)
      : field === 'gender'
        ? ['female', 'male', 'other', 'undisclosed'].includes(trimmed)
        : trimmed.length >= 1 && trimmed.length <= 200;
  if (!valid) {
    throw Problem.validation([
      { field: 'value', code: SubjectsErrorCode.NotRectifiable, message: `Not a valid ${PLAIN_COLUMN_OF[field]}` },
    ]);
  }
  return trimmed;
}

function erased(subjectId: string): Problem {
  return Problem.of(SubjectsErrorCode.StateConflict, `The person ${subjectId} was erased`);
}

export function restricted(): Problem {
  return Problem.of(SubjectsErrorCode.Restricted, 'Processing of this person is restricted (suspended)');
}
