import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { AccessLogService } from '../access-log/access-log.service';
import type { AuditEventInput, EventOrigin } from '../access-log/audit-event';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { decidedWithoutRow, throwUnlessCan, type Action } from '../authorization/abilities';
import { CalendarService } from '../calendar/calendar.service';
import { hasElapsed, instantAfter } from '../calendar/instant';
import { localYearOf, minutesBetween, type LocalDate } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import { ComplianceFindingsService } from './compliance-findings.service';
import { ContactValues } from './contact-values';
import { Aad, SubjectCrypto } from './crypto/subject-crypto';
import type {
  AccountActionDto,
  AccountActionPath,
  IdentityCheckDto,
  PhiRevealDto,
  RevealableField,
  RevealDto,
  SUBJECT_SORT_FIELDS,
  SubjectFilterDto,
} from './dto/subject-requests.dto';
import {
  AccountActionView,
  IdentityCheckView,
  IdentityWindowView,
  PhiRevealResponse,
  SubjectProfile,
  SubjectSummary,
} from './dto/subject-response.dto';
import { Masking } from './masking';
import { SubjectKeysService } from './subject-keys.service';
import { DormantStoreService } from './dormancy/dormant-store.service';
import { SubjectsErrorCode } from './subjects.errors';
import {
  AccountActionKind,
  AccountActionRow,
  IdentityCheckRow,
  SubjectKind,
  SubjectRow,
  SubjectService,
  SubjectsRepository,
  SubjectStatus,
} from './subjects.repository';

/** What the rights-request workflow needs of a person: no contact data, the name masked. */
export interface RequestParty {
  id: string;
  service: SubjectService;
  kind: SubjectKind;
  status: SubjectStatus;
  maskedName: string;
  birthDate: string | null;
  guardianId: string | null;
  locale: string;
}

/** An identity check as the rights-request workflow verifies with it. */
export interface IdentityCheckRecord {
  id: string;
  subjectId: string;
  method: string;
  staffId: string;
  checkedAt: Date;
  /** Still within IDENTITY_CHECK_VALID_MINUTES at the time asked. */
  valid: boolean;
}

/**
 * Told when support starts an account withdrawal, inside the action's transaction: the
 * rights-request module opens the account-withdrawal request (it registers itself; subjects does
 * not import it, which would be a module cycle).
 */
export type WithdrawalListener = (input: {
  ctx: StaffContext;
  subjectId: string;
  accountActionId: string;
  identityCheckId: string;
  reason: string;
}) => Promise<void>;

/** The access-log subject id of a platform person. */
export const personSubject = (id: string) => `subject:${id}`;

// Field names the monthly access review treats as PHI (access-review.service.ts PHI_FIELDS).
const PHI_FIELD_OF_RECORD_KIND: Record<string, string> = {
  session_note: 'counselingNotes',
  result: 'counselingRecord',
  expert_opinion: 'expertOpinion',
};

const REVEALABLE: RevealableField[] = ['name', 'email', 'phone', 'birthDate', 'nickname', 'providerNicknames'];

type RevealedValue = string | null | Record<string, string | null>;

const ACTION_KIND: Record<AccountActionPath, AccountActionKind> = {
  reactivate: 'reactivate',
  unlock: 'unlock',
  'unlink-social': 'unlink_social',
  withdraw: 'withdraw',
};

/**
 * The platform's people as staff see them: masked by default, revealed field by field with a
 * purpose, PHI only to the DPO with step-up, and support's account actions behind a recorded
 * identity check. Every read and change is an access-log event.
 */
@Injectable()
export class SubjectsService {
  private withdrawalListener: WithdrawalListener | null = null;

  constructor(
    private readonly subjects: SubjectsRepository,
    private readonly findingWork: ComplianceFindingsService,
    private readonly keys: SubjectKeysService,
    private readonly crypto: SubjectCrypto,
    private readonly audit: AuditService,
    private readonly accessLog: AccessLogService,
    private readonly calendar: CalendarService,
    private readonly config: AppConfig,
    private readonly dormant: DormantStoreService,
  ) {}

  async search(
    ctx: StaffContext,
    params: ListParams<(typeof SUBJECT_SORT_FIELDS)[number], SubjectFilterDto>,
  ): Promise<{ rows: SubjectSummary[]; total: number; totalAtLeast: boolean }> {
    throwUnlessCan(ctx.ability, 'read', 'Subject');
    const { filter } = params;
    const email = filter.email === undefined ? undefined : ContactValues.email(filter.email);
    const phone = filter.phone === undefined ? undefined : ContactValues.phone(filter.phone);
    const invalid = [
      ...(email === null
        ? [{ field: 'email', code: SubjectsErrorCode.InvalidEmail, message: 'Not an email address' }]
        : []),
      ...(phone === null
        ? [{ field: 'phone', code: SubjectsErrorCode.InvalidPhone, message: 'Not a phone number' }]
        : []),
    ];
    if (invalid.length > 0) throw Problem.validation(invalid);
    // The searched values are personal data themselves: the event names the kinds, not the values.
    // The statement that reads the page completes the event with what it found (`total`, with
    // `totalAtLeast` once the count stops past SEARCH_COUNT_CAP, and the ids `shown`) and writes
    // it: one round trip, one commit.
    const { rows, total, totalAtLeast } = await this.audit.recordWith(
      {
        action: 'view',
        resource: 'subject-search',
        outcome: 'success',
        fields: ['name', 'email', 'phone', 'age'],
        detail: {
          by: Object.entries(filter)
            .filter(([, value]) => value !== undefined)
            .map(([key]) => key)
            .sort(),
          kind: filter.kind ?? null,
          status: filter.status ?? null,
          service: filter.service ?? null,
        },
      },
      ctx.origin,
      ({ value }) =>
        this.subjects.search(
          {
            emailIndex: email ? this.crypto.index('email', email) : undefined,
            phoneIndex: phone ? this.crypto.index('phone', phone) : undefined,
            namePrefix: filter.q === undefined ? undefined : ContactValues.nameKey(filter.q),
            kind: filter.kind,
            status: filter.status,
            service: filter.service,
            sortField: params.sortField,
            sortOrder: params.sortOrder,
            offset: params.offset,
            limit: params.limit,
          },
          value,
        ),
    );
    const today = this.today();
    return { rows: rows.map((r) => summaryOf(r, today, this.calendar.timeZone)), total, totalAtLeast };
  }

  async profile(ctx: StaffContext, id: string): Promise<SubjectProfile> {
    // The type-level check first, so a role with no access learns nothing about which ids exist.
    throwUnlessCan(ctx.ability, 'read', 'Subject');
    const shown = ['account', 'family', 'consents', 'bookings', 'recordings', 'reviews', 'payments', 'devices'];
    const event = (subjectId: string, phi: boolean): AuditEventInput => ({
      action: 'view',
      resource: 'subject',
      outcome: 'success',
      subjectId: personSubject(subjectId),
      fields: phi ? [...shown, 'recordsList'] : shown,
    });
    // When no rule on people has conditions, the checks on the row cannot differ from the checks
    // on the type: the event is known before the row is read, and is written by the same statement
    // that reads the profile (one round trip, one commit), only if the person exists and is not
    // separated. Otherwise the row is read, checked, and the event written after.
    const decidedByType = decidedWithoutRow(ctx.ability, ['read', 'revealPhi'], 'Subject');
    const today = this.today();
    const loaded = decidedByType
      ? await this.audit.recordWith(
          // The id as PostgreSQL prints it (lower case), as the row's own id names the person elsewhere.
          event(id.toLowerCase(), ctx.ability.can('revealPhi', 'Subject')),
          ctx.origin,
          ({ value }) => this.subjects.loadProfile(id, today, value),
          (profile) => profile?.logged === true,
        )
      : await this.subjects.loadProfile(id, today);
    if (loaded === null) throw subjectNotFound(id);
    const row = refuseSeparated(this.checkRow(ctx, 'read', id, loaded.row));
    const { parts } = loaded;
    const can = (action: Action) => ctx.ability.can(action, asSubject('Subject', { ...row }));
    const phi = can('revealPhi');
    const accessHistory = ctx.ability.can('read', 'AccessLog');
    if (!decidedByType) await this.audit.record(event(row.id, phi), ctx.origin);
    const findings = await this.findingWork.asWorkItems(loaded.findings);
    const validity = this.config.identityCheckValidMs;
    const now = this.calendar.now();
    return {
      ...summaryOf(row, today, this.calendar.timeZone),
      nickname: row.hasNickname ? Masking.HIDDEN : null,
      gender: row.gender,
      residence: row.residence,
      occupation: row.occupation,
      institution: row.institution,
      // Health information: sealed, opened only through the PHI reveal; other roles do not learn it exists.
      ...(phi ? { hasCounselingInterest: row.hasCounselingInterest } : {}),
      locale: row.locale,
      dormantAt: row.dormantAt,
      lockedAt: row.lockedAt,
      withdrawalRequestedAt: row.withdrawalRequestedAt,
      withdrawnAt: row.withdrawnAt,
      erasedAt: row.erasedAt,
      marketingSuppressed: row.marketingSuppressedAt === null ? false : { since: row.marketingSuppressedAt },
      keyShredded: parts.keyShredded,
      guardian: parts.guardian && { ...parts.guardian, name: Masking.name(parts.guardian.name) },
      children: parts.children.map((c) => {
        const age = c.birthDate ? Masking.age(c.birthDate, today) : null;
        return {
          id: c.id,
          name: Masking.name(c.name),
          age,
          gender: c.gender,
          under14: age !== null && age < 14,
          guardianConsent: c.guardianConsent,
        };
      }),
      // A provider nickname is often the given name: masked like the other contact data.
      socialLinks: parts.socialLinks.map(({ hasProviderNickname, ...l }) => ({
        ...l,
        providerNickname: hasProviderNickname ? Masking.HIDDEN : null,
      })),
      consents: parts.consents,
      // A booking's topic is health information: sealed, and only PHI roles learn that there is one.
      bookings: parts.bookings.map(({ hasTopic, ...b }) => ({
        ...b,
        ...(phi ? { hasTopic } : {}),
        counterpart: maskedRef(b.counterpart),
        child: b.child ? maskedRef(b.child) : null,
      })),
      records: phi ? parts.records.map((r) => ({ ...r, counselor: maskedRef(r.counselor) })) : null,
      sensitiveData: phi ? parts.sensitiveData : null,
      recordings: parts.recordings,
      reviews: parts.reviews,
      payments: parts.payments,
      financialProfile: parts.financialProfile,
      devices: parts.devices.map(({ ip, ...d }) => ({ ...d, ipMask: typeof ip === 'string' ? Masking.ip(ip) : null })),
      calendarLinks: parts.calendarLinks,
      identityChecks: parts.identityChecks.map((c) => identityCheckView(c, validity, now)),
      ...(can('accountAction') ? { identityWindow: identityWindowOf(parts.identityChecks, validity, now) } : {}),
      accountActions: parts.accountActions.map(accountActionView),
      findings,
      can: {
        reveal: can('reveal') ? REVEALABLE : [],
        revealPhi: phi,
        accountAction: can('accountAction'),
        accessHistory,
      },
    };
  }

  async reveal(ctx: StaffContext, id: string, dto: RevealDto): Promise<{ values: Record<string, RevealedValue> }> {
    const row = refuseSeparated(await this.load(ctx, 'reveal', id));
    const values: Record<string, RevealedValue> = {};
    const needsKey = dto.fields.includes('email') || dto.fields.includes('phone');
    const ciphers = needsKey ? await this.subjects.contactCiphers(id) : null;
    const key = needsKey && (ciphers?.emailCipher || ciphers?.phoneCipher) ? await this.keys.dataKey(id) : null;
    const nicknames =
      dto.fields.includes('nickname') || dto.fields.includes('providerNicknames')
        ? await this.subjects.nicknames(id)
        : null;
    for (const field of dto.fields) {
      switch (field) {
        case 'nickname':
          values.nickname = nicknames?.nickname ?? null;
          break;
        case 'providerNicknames':
          // Keyed by social-link id, as the profile lists them.
          values.providerNicknames = Object.fromEntries(
            (nicknames?.providerNicknames ?? []).map((l) => [l.id, l.nickname]),
          );
          break;
        case 'name':
          values.name = row.name;
          break;
        case 'birthDate':
          values.birthDate = row.birthDate;
          break;
        case 'email':
          values.email =
            key && ciphers?.emailCipher ? this.crypto.open(key, Aad.contact(id, 'email'), ciphers.emailCipher) : null;
          break;
        case 'phone':
          values.phone =
            key && ciphers?.phoneCipher
              ? ContactValues.displayPhone(this.crypto.open(key, Aad.contact(id, 'phone'), ciphers.phoneCipher))
              : null;
          break;
        default: {
          const unknown: never = field;
          throw new Error(`Unknown field ${String(unknown)}`);
        }
      }
    }
    await this.audit.record(
      {
        action: 'reveal',
        resource: 'subject',
        outcome: 'success',
        subjectId: personSubject(id),
        fields: [...dto.fields].sort(),
        purpose: dto.purpose,
      },
      ctx.origin,
    );
    return { values };
  }

  /**
   * Opens exactly what the purpose needs: the chosen records, sensitive-data rows, booking topics
   * and counseling interest, each named in the event. Psychotherapy notes open only when asked
   * for explicitly. Nothing is opened for a choice that names another person's rows.
   */
  async revealPhi(ctx: StaffContext, id: string, dto: PhiRevealDto): Promise<PhiRevealResponse> {
    refuseSeparated(await this.load(ctx, 'revealPhi', id));
    const recordIds = dto.recordIds ?? [];
    const sensitiveIds = dto.sensitiveDataIds ?? [];
    const bookingIds = dto.bookingIds ?? [];
    const interest = dto.counselingInterest === true;
    if (recordIds.length + sensitiveIds.length + bookingIds.length === 0 && !interest) {
      throw Problem.validation(
        [
          {
            field: 'recordIds',
            code: SubjectsErrorCode.PhiSelectionRequired,
            message: 'Choose the records or data this purpose needs',
          },
        ],
        'Nothing was chosen to reveal',
      );
    }
    // An erased person's sealed data went with their key: say so (410), not that the rows are unknown.
    const keyRow = await this.subjects.findKey(id);
    if (keyRow !== null && (!keyRow.wrappedKey || !keyRow.kekId)) {
      throw Problem.of(SubjectsErrorCode.KeyShredded, "This person's encrypted data was erased");
    }
    // One after another: the reveal runs in a transaction, on one connection.
    const records = await this.subjects.recordCiphers(id, recordIds);
    const sensitive = await this.subjects.sensitiveCiphers(id, sensitiveIds);
    const topics = await this.subjects.bookingTopicCiphers(id, bookingIds);
    const interestCipher = interest ? await this.subjects.counselingInterestCipher(id) : null;
    const unknown = [
      ...notFound('recordIds', recordIds, records),
      ...notFound('sensitiveDataIds', sensitiveIds, sensitive),
      ...notFound('bookingIds', bookingIds, topics),
    ];
    if (unknown.length > 0) throw Problem.validation(unknown, 'Some of the chosen rows are not this person’s');
    const psychotherapy = records.filter((r) => r.psychotherapyNotes);
    if (psychotherapy.length > 0 && dto.psychotherapyNotes !== true) {
      throw Problem.validation(
        [
          {
            field: 'psychotherapyNotes',
            code: SubjectsErrorCode.PsychotherapyNotesNotConfirmed,
            message: 'A chosen record holds psychotherapy notes: confirm that the purpose needs them',
          },
        ],
        'Psychotherapy notes are opened only when asked for',
      );
    }
    const keys = new Map<string, Buffer>();
    const keyOf = async (ownerId: string) => {
      const known = keys.get(ownerId);
      if (known) return known;
      const key = await this.keys.dataKey(ownerId);
      keys.set(ownerId, key);
      return key;
    };
    const response: PhiRevealResponse = { records: [], sensitiveData: [], bookingTopics: [] };
    for (const r of records) {
      const content = this.crypto.open(await keyOf(r.ownerId), Aad.record(r.id), r.cipher);
      response.records.push({
        id: r.id,
        kind: r.kind,
        psychotherapyNotes: r.psychotherapyNotes,
        content: JSON.parse(content) as Record<string, string>,
      });
    }
    for (const s of sensitive) {
      const content = this.crypto.open(await keyOf(s.ownerId), Aad.sensitive(s.id), s.cipher);
      response.sensitiveData.push({ id: s.id, category: s.kind, content });
    }
    for (const t of topics) {
      response.bookingTopics.push({
        id: t.id,
        topic: this.crypto.open(await keyOf(t.ownerId), Aad.bookingTopic(t.id), t.cipher),
      });
    }
    if (interest) {
      response.counselingInterest = interestCipher
        ? this.crypto.open(await keyOf(id), Aad.counselingInterest(id), interestCipher)
        : null;
    }
    const fields = [
      ...new Set([
        ...records.map((r) => PHI_FIELD_OF_RECORD_KIND[r.kind] ?? 'counselingRecord'),
        ...(psychotherapy.length > 0 ? ['psychotherapyNotes'] : []),
        ...(sensitive.length > 0 ? ['sensitiveData'] : []),
        ...(topics.length > 0 ? ['bookingTopic'] : []),
        ...(interest ? ['counselingInterest'] : []),
      ]),
    ].sort();
    await this.audit.record(
      {
        action: 'reveal',
        resource: 'phi',
        outcome: 'success',
        subjectId: personSubject(id),
        fields,
        purpose: dto.purpose,
        detail: {
          ...(dto.caseId ? { caseId: dto.caseId } : {}),
          recordIds: records.map((r) => r.id),
          psychotherapyNoteIds: psychotherapy.map((r) => r.id),
          sensitiveDataIds: sensitive.map((s) => s.id),
          bookingIds: topics.map((t) => t.id),
          counselingInterest: interest,
        },
      },
      ctx.origin,
    );
    return response;
  }

  async recordIdentityCheck(ctx: StaffContext, id: string, dto: IdentityCheckDto): Promise<IdentityCheckView> {
    return this.subjects.transaction(async (manager) => {
      const row = await this.subjects.findById(id, manager);
      this.checkRow(ctx, 'accountAction', id, row);
      const check = await this.subjects.insertIdentityCheck(
        {
          subjectId: id,
          method: dto.method,
          evidenceRef: dto.evidenceRef,
          note: dto.note ?? null,
          staffId: ctx.id,
          checkedAt: this.calendar.now(),
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'create',
          resource: 'identity-check',
          outcome: 'success',
          subjectId: personSubject(id),
          detail: { identityCheckId: check.id, method: dto.method },
        },
        ctx.origin,
        manager,
      );
      return identityCheckView(check, this.config.identityCheckValidMs, this.calendar.now());
    });
  }

  async accountAction(
    ctx: StaffContext,
    id: string,
    path: AccountActionPath,
    dto: AccountActionDto,
  ): Promise<{ action: AccountActionView; status: SubjectStatus }> {
    const action = ACTION_KIND[path];
    return this.subjects.transaction(async (manager) => {
      const row = await this.subjects.findById(id, manager, true);
      const subjectRow = this.checkRow(ctx, 'accountAction', id, row);
      const check = await this.subjects.findIdentityCheck(dto.identityCheckId, manager);
      const now = this.calendar.now();
      if (!check || check.subjectId !== id || hasElapsed(check.checkedAt, this.config.identityCheckValidMs, now)) {
        throw Problem.validation(
          [
            {
              field: 'identityCheckId',
              code: SubjectsErrorCode.IdentityCheckRequired,
              message: 'Record an identity check of this person first (valid for a limited time)',
            },
          ],
          'An identity check of the person asking is required',
        );
      }
      const conflict = (title: string) => Problem.of(SubjectsErrorCode.StateConflict, title);
      if (subjectRow.status === 'withdrawn') throw conflict('The account is withdrawn');
      // A restriction request suspended processing: no account action until it is lifted (PIPA Art. 37).
      if (subjectRow.restrictedAt !== null) {
        throw Problem.of(SubjectsErrorCode.Restricted, 'Processing of this person is restricted (suspended)');
      }
      let status = subjectRow.status;
      const detail: Record<string, unknown> = { from: subjectRow.status };
      let fields: string[] = ['status'];
      let actionStatus: 'done' | 'pending' = 'done';
      switch (action) {
        case 'reactivate':
          if (subjectRow.status !== 'dormant') throw conflict('Only a dormant account can be reactivated');
          status = 'active';
          // A separated account's data comes back from the dormant store (F9); one that became
          // dormant before the store existed still has its data in place.
          if (subjectRow.separatedAt !== null) {
            await this.dormant.restore(id, now, ctx.id, check.id, ctx.origin);
            detail.restoredFromDormantStore = true;
          } else {
            await this.subjects.updateAccount(id, { status, clearDormancy: true }, now, manager);
          }
          break;
        case 'unlock':
          if (subjectRow.status !== 'locked') throw conflict('The account is not locked');
          status = 'active';
          await this.subjects.updateAccount(id, { status, clearLock: true }, now, manager);
          break;
        case 'unlink_social': {
          if (!dto.provider) {
            throw Problem.validation([
              { field: 'provider', code: 'REQUIRED', message: 'Which social login to unlink' },
            ]);
          }
          const unlinked = await this.subjects.unlinkSocial(id, dto.provider, ctx.id, now, manager);
          if (!unlinked) throw conflict(`No ${dto.provider} login is linked`);
          detail.provider = dto.provider;
          fields = ['socialLinks'];
          break;
        }
        case 'withdraw':
          // Its data is in the dormant store, out of the erasure's reach: reactivate it first.
          refuseSeparated(subjectRow);
          if (await this.subjects.hasPendingWithdrawal(id, manager)) throw conflict('A withdrawal is already pending');
          // Pending: the account-withdrawal request the listener opens below carries it to the end.
          actionStatus = 'pending';
          await this.subjects.updateAccount(id, { withdrawalRequestedAt: now }, now, manager);
          fields = ['withdrawalRequestedAt'];
          break;
        default: {
          const unknown: never = action;
          throw new Error(`Unknown account action ${String(unknown)}`);
        }
      }
      detail.to = status;
      const saved = await this.subjects.insertAccountAction(
        {
          subjectId: id,
          action,
          status: actionStatus,
          reason: dto.reason,
          staffId: ctx.id,
          identityCheckId: check.id,
          detail,
          createdAt: now,
        },
        manager,
      );
      await this.audit.record(
        {
          action: 'edit',
          resource: 'subject-account',
          outcome: 'success',
          subjectId: personSubject(id),
          fields,
          purpose: dto.reason,
          detail: { ...detail, action, accountActionId: saved.id, identityCheckId: check.id, method: check.method },
        },
        ctx.origin,
        manager,
      );
      if (action === 'withdraw' && this.withdrawalListener !== null) {
        await this.withdrawalListener({
          ctx,
          subjectId: id,
          accountActionId: saved.id,
          identityCheckId: check.id,
          reason: dto.reason,
        });
      }
      return { action: accountActionView(saved), status };
    });
  }

  /** The rights-request module registers here to turn each withdrawal into a request. */
  onWithdrawal(listener: WithdrawalListener): void {
    this.withdrawalListener = listener;
  }

  /** People named on a rights request (subject and guardian): the caller checks its own ability and records. */
  async requestParties(ids: string[]): Promise<RequestParty[]> {
    const rows = await Promise.all([...new Set(ids)].map((id) => this.subjects.findById(id)));
    return rows
      .filter((r): r is SubjectRow => r !== null)
      .map((r) => ({
        id: r.id,
        service: r.service,
        kind: r.kind,
        status: r.status,
        maskedName: r.separatedAt === null ? Masking.name(r.name) : Masking.SEPARATED,
        birthDate: r.birthDate,
        guardianId: r.guardianId,
        locale: r.locale,
      }));
  }

  /**
   * The name and e-mail address a rights-request letter is addressed with (null once erased). The
   * caller writes the access-log event for the letter that carries them.
   */
  async letterAddressee(id: string): Promise<{ name: string | null; email: string | null }> {
    const to = await this.noticeAddressee(id, 'email');
    return { name: to?.name ?? null, email: to?.address ?? null };
  }

  /**
   * The name and the address on one channel a notice to the person is sent with (null once
   * erased or when none is kept), and the person's language. The caller writes the access-log
   * event for the message that carries them.
   */
  async noticeAddressee(
    id: string,
    channel: 'email' | 'sms',
  ): Promise<{ name: string | null; address: string | null; locale: string } | null> {
    const row = await this.subjects.findById(id);
    if (row === null) return null;
    const field = channel === 'email' ? 'email' : 'phone';
    const ciphers = await this.subjects.contactCiphers(id);
    const cipher = channel === 'email' ? ciphers?.emailCipher : ciphers?.phoneCipher;
    const address = cipher ? this.crypto.open(await this.keys.dataKey(id), Aad.contact(id, field), cipher) : null;
    return { name: row.name, address, locale: row.locale };
  }

  /** One recorded identity check, and whether it is still valid now. */
  async identityCheck(id: string): Promise<IdentityCheckRecord | null> {
    const check = await this.subjects.findIdentityCheck(id);
    if (check === null) return null;
    return {
      id: check.id,
      subjectId: check.subjectId,
      method: check.method,
      staffId: check.staffId,
      checkedAt: check.checkedAt,
      valid: !hasElapsed(check.checkedAt, this.config.identityCheckValidMs, this.calendar.now()),
    };
  }

  async accessHistory(ctx: StaffContext, id: string, before: number | undefined, limit: number) {
    await this.load(ctx, 'read', id);
    return this.accessLog.list(ctx, JSON.stringify({ subjectId: personSubject(id) }), before, limit);
  }

  /**
   * Crypto-shreds subjects: their data keys are destroyed, and the KEK rotation that follows
   * destroys the key that wrapped the old copies in earlier dumps. The erasure flow calls this.
   */
  async cryptoShred(subjectIds: string[], reason: string, origin: EventOrigin): Promise<{ shredded: string[] }> {
    const shredded = await this.subjects.transaction(async (manager) => {
      const ids = await this.keys.shred(subjectIds, manager);
      for (const id of ids) {
        await this.audit.record(
          {
            action: 'delete',
            resource: 'subject-key',
            outcome: 'success',
            subjectId: personSubject(id),
            fields: ['dataKey'],
            purpose: reason,
          },
          origin,
          manager,
        );
      }
      return ids;
    });
    await this.keys.rotate();
    return { shredded };
  }

  private async load(ctx: StaffContext, action: Action, id: string): Promise<SubjectRow> {
    return this.checkRow(ctx, action, id, await this.subjects.findById(id));
  }

  private checkRow(ctx: StaffContext, action: Action, id: string, row: SubjectRow | null): SubjectRow {
    // The type-level check first, so a role with no access learns nothing about which ids exist.
    throwUnlessCan(ctx.ability, action, 'Subject');
    if (row === null) throw subjectNotFound(id);
    throwUnlessCan(ctx.ability, action, asSubject('Subject', { ...row }));
    return row;
  }

  private today(): LocalDate {
    return this.calendar.today();
  }
}

/**
 * A separated account is read by no ordinary screen (F9): its profile, reveals and export answer
 * 409 SUBJECT_SEPARATED with the separation time; support reactivates it after an identity check.
 */
export function separatedProblem(separatedAt: Date): Problem {
  return Problem.of(
    SubjectsErrorCode.Separated,
    'This account is dormant and separated into the dormant store: reactivate it after an identity check to see its data',
  ).with({ separatedAt: separatedAt.toISOString() });
}

function subjectNotFound(id: string): Problem {
  return Problem.of(SubjectsErrorCode.SubjectNotFound, `No person has the id ${id}`);
}

function refuseSeparated(row: SubjectRow): SubjectRow {
  if (row.separatedAt !== null) throw separatedProblem(row.separatedAt);
  return row;
}

function summaryOf(row: SubjectRow, today: LocalDate, timeZone: string): SubjectSummary {
  return {
    id: row.id,
    service: row.service,
    kind: row.kind,
    status: row.status,
    name: Masking.name(row.name),
    email: row.emailMask,
    phone: row.phoneMask,
    age: row.birthDate ? Masking.age(row.birthDate, today) : null,
    createdAt: row.createdAt,
    joinedYear: localYearOf(row.createdAt, timeZone),
    lastActiveAt: row.lastActiveAt,
    restricted: row.restrictedAt === null ? false : { since: row.restrictedAt },
  };
}

/** A field error for each chosen id that is not among the rows found for this person. */
function notFound(field: string, ids: string[], found: { id: string }[]) {
  const known = new Set(found.map((r) => r.id));
  return ids
    .map((id, index) => ({ id, index }))
    .filter(({ id }) => !known.has(id))
    .map(({ index }) => ({
      field: `${field}.${index}`,
      code: SubjectsErrorCode.NotThisSubjects,
      message: 'No such row for this person',
    }));
}

function maskedRef(ref: unknown): { id: string; name: string } {
  const { id, name } = ref as { id: string; name: string };
  return { id, name: Masking.name(name) };
}

/** A check as answered, with whether it still backs an account action now (the UI does not compare times). */
function identityCheckView(c: IdentityCheckRow, validityMs: number, now: Date): IdentityCheckView {
  return {
    id: c.id,
    method: c.method,
    evidenceRef: c.evidenceRef,
    note: c.note,
    staff: { id: c.staffId, name: c.staffName },
    checkedAt: c.checkedAt,
    validUntil: instantAfter(c.checkedAt, validityMs),
    valid: !hasElapsed(c.checkedAt, validityMs, now),
  };
}

/** The latest identity check still valid at `now`, with its minutes left; null when none is. */
function identityWindowOf(checks: IdentityCheckRow[], validityMs: number, now: Date): IdentityWindowView | null {
  const latest = checks
    .map((c) => identityCheckView(c, validityMs, now))
    .filter((c) => c.valid)
    .sort((a, b) => (a.validUntil < b.validUntil ? 1 : a.validUntil > b.validUntil ? -1 : 0))[0];
  return latest
    ? {
        checkId: latest.id,
        method: latest.method,
        checkedAt: latest.checkedAt,
        validUntil: latest.validUntil,
        minutesLeft: minutesBetween(now, latest.validUntil),
      }
    : null;
}

function accountActionView(a: AccountActionRow): AccountActionView {
  return {
    id: a.id,
    action: a.action,
    status: a.status,
    reason: a.reason,
    staff: { id: a.staffId, name: a.staffName },
    identityCheckId: a.identityCheckId,
    detail: a.detail,
    createdAt: a.createdAt,
  };
}
