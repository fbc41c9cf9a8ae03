import { Injectable } from '@nestjs/common';
import { addCalendarDays, localDateOf } from '../calendar/local-date';
import { CalendarService } from '../calendar/calendar.service';
import type { StaffContext } from '../context/staff-context';
import { MasterKey } from '../common/master-key';
import { Problem } from '../common/problem';
import { SecretBox } from '../common/secret-box';
import { DATA_CATEGORIES, type DataCategory } from '../registers/register-types';
import { RegistersService } from '../registers/registers.service';
import { LegalHoldsService } from '../retention/holds/legal-holds.service';
import type { AccessItem as ExportItem } from '../subjects/export/export-types';
import { SubjectExportService } from '../subjects/export/subject-export.service';
import {
  ERASURE_CATEGORIES,
  REGISTER_CATEGORIES_OF,
  SubjectFulfilmentService,
  type ErasureCategory,
  type ErasureDecision,
  type ErasureProposal,
  type ErasureResult,
  type RectifiableField,
} from '../subjects/fulfilment/subject-fulfilment.service';
import type { PrepareDto } from './dto/rights-request.dto';
import type { ProcessorAction } from './letters/letter-data';
import { RequestLettersService } from './letters/request-letters.service';
import type { AccessItem, DocumentKind } from './rights-request-types';
import { RightsRequestsErrorCode } from './rights-requests.errors';
import { RightsRequestsRepository, type RequestRow } from './rights-requests.repository';

export interface FulfilmentResult {
  outcome: Record<string, unknown>;
  /** The register data categories the action changed: who must hear of it. */
  registerCategories: DataCategory[];
  /** What the recipients are told was done. */
  noticeAction: ProcessorAction;
  documents: Array<{ kind: DocumentKind; fileName: string; mediaType: string; content: Buffer }>;
  /** The preparation as it stays on the request once carried out (a sealed value dropped). */
  preparation?: Record<string, unknown>;
}

/** The register categories a rectified field belongs to. */
const FIELD_CATEGORIES: Record<RectifiableField, DataCategory[]> = {
  name: ['identity'],
  birthDate: ['identity'],
  gender: ['demographic'],
  nickname: ['account'],
  email: ['contact'],
  phone: ['contact'],
  residence: ['demographic'],
  occupation: ['demographic'],
  institution: ['demographic'],
};

/** Marketing consent withdrawn: the recipients that send marketing or hold advertising ids hear of it. */
const MARKETING_CATEGORIES: DataCategory[] = ['contact', 'advertising_ids'];

/**
 * The Decree Art. 41(1) items taken in at intake, as the export package's sections. The rights and
 * how to complain are always stated (GDPR Art. 15(1)(e)-(f); PIPA letters name the routes).
 */
const EXPORT_ITEMS_OF: Record<AccessItem, ExportItem[]> = {
  items: ['data', 'categories'],
  purposes: ['purposes'],
  retention: ['retention'],
  third_parties: ['recipients', 'disclosures'],
  consents: ['data'],
  source: ['source'],
};

/** Days a recipient is given to confirm it acted (the notice's reply-by date). */
const RECIPIENT_REPLY_DAYS = 7;

/**
 * Carries out a prepared request on the subject data through the subjects module
 * (SubjectFulfilmentService, SubjectExportService), inside the caller's transaction, and fans it
 * out to the registers' recipients: one task per processor, provision or transfer whose activities
 * hold the affected categories, its notice (the letters' processor notice) queued in the outbox in
 * the same transaction.
 */
@Injectable()
export class RequestFulfilment {
  /** A rectification's new value waits sealed on the request until it is carried out. */
  private readonly box: SecretBox;

  constructor(
    private readonly fulfilment: SubjectFulfilmentService,
    private readonly exports: SubjectExportService,
    private readonly registers: RegistersService,
    private readonly letters: RequestLettersService,
    private readonly calendar: CalendarService,
    private readonly repo: RightsRequestsRepository,
    private readonly holds: LegalHoldsService,
    masterKey: MasterKey,
  ) {
    this.box = new SecretBox(masterKey.key, 'rights-request-rectification');
  }

  /** What the person has in each erasure category and what a statute holds (the UI's erase/retain choice). */
  proposal(row: RequestRow): Promise<ErasureProposal> {
    if (row.type !== 'erasure' && row.type !== 'account_withdrawal') {
      throw Problem.of(
        RightsRequestsErrorCode.NotAnErasure,
        `A ${row.type} request erases nothing: it has no erasure proposal`,
      );
    }
    return this.fulfilment.proposeErasure(row.subjectId);
  }

  /** The preparation the request's type needs, checked; stored as the decision the approver sees. */
  async checkPreparation(row: RequestRow, dto: PrepareDto): Promise<Record<string, unknown>> {
    const missing = (field: string, message: string) =>
      Problem.validation([{ field, code: RightsRequestsErrorCode.RequiredForType, message }]);
    const note = dto.note ? { note: dto.note } : {};
    switch (row.type) {
      case 'erasure': {
        if (dto.decisions === undefined)
          throw missing('decisions', 'Decide on each data category: erase, or retain under its rule');
        const categories = dto.decisions.map((d) => d.category);
        if (new Set(categories).size !== categories.length) {
          throw missing('decisions', 'One decision per category');
        }
        // Erasing what a statute holds is refused here already (409 LEGAL_HOLD), and again at approval;
        // so is erasing what a legal hold keeps (409 LEGAL_HOLD_ACTIVE: litigation, an inquiry, an incident).
        await this.fulfilment.checkErasure(row.subjectId, dto.decisions as ErasureDecision[]);
        await this.holds.assertNotHeld(row.subjectId, erasedCategories(dto.decisions as ErasureDecision[]));
        return { decisions: dto.decisions, ...note };
      }
      case 'account_withdrawal': {
        // Withdrawal erases everything a statute does not hold: the plan is the proposal, shown to the approver.
        const proposal = await this.fulfilment.proposeErasure(row.subjectId);
        const plan: ErasureDecision[] = proposal.categories
          .filter((c) => c.present)
          .map((c) =>
            c.hold === null
              ? { category: c.category, action: 'erase' }
              : { category: c.category, action: 'retain', retentionRuleCode: c.hold.retentionRuleCode },
          );
        return { decisions: plan, withdraw: true, ...note };
      }
      case 'access':
      case 'portability':
        return { redactions: dto.redactions ?? [], ...note };
      case 'rectification': {
        if (dto.change === undefined) throw missing('change', 'The field to correct and its new value');
        // The new value is personal data: it waits sealed, and the request never shows it.
        return {
          change: { field: dto.change.field },
          valueSealed: this.box.seal(dto.change.value, `rights-request-rectification:${row.id}`).toString('base64'),
        };
      }
      case 'consent_withdrawal': {
        const purposes = dto.purposes ?? (row.details.purposes as string[] | undefined);
        if (purposes === undefined || purposes.length === 0) throw missing('purposes', 'The purposes to withdraw');
        return { purposes };
      }
      case 'restriction':
      case 'objection':
        if (dto.note === undefined) throw missing('note', 'The decision and its grounds');
        return { note: dto.note };
      default: {
        const unknown: never = row.type;
        throw new Error(`Unknown request type ${String(unknown)}`);
      }
    }
  }

  async fulfil(ctx: StaffContext, row: RequestRow): Promise<FulfilmentResult> {
    const prepared = row.preparation ?? {};
    switch (row.type) {
      case 'erasure':
      case 'account_withdrawal': {
        if (row.type === 'account_withdrawal') {
          // Restriction suspends account actions until it is lifted (the rule; SUBJECT_RESTRICTED).
          await this.fulfilment.assertNotRestricted(row.subjectId);
        }
        // A hold placed since the preparation stops the erasure too: nothing changes (409 LEGAL_HOLD_ACTIVE).
        await this.holds.assertNotHeld(
          row.subjectId,
          row.type === 'account_withdrawal'
            ? ERASURE_CATEGORIES
            : erasedCategories(prepared.decisions as ErasureDecision[]),
        );
        const result =
          row.type === 'account_withdrawal'
            ? await this.fulfilment.withdrawAccount(ctx, row.subjectId, row.id)
            : await this.fulfilment.erase(ctx, row.subjectId, prepared.decisions as ErasureDecision[], row.id);
        return {
          outcome: erasureOutcome(result),
          registerCategories: categoriesOf(result.erased),
          noticeAction: 'erased',
          documents: [],
        };
      }
      case 'access':
      case 'portability': {
        await this.fulfilment.assertNotRestricted(row.subjectId);
        const asked = row.details.items as AccessItem[] | undefined;
        const items =
          asked === undefined || asked.length === 0
            ? undefined
            : [...new Set<ExportItem>(['rights', ...asked.flatMap((i) => EXPORT_ITEMS_OF[i])])];
        const pkg = await this.exports.build(ctx, {
          subjectId: row.subjectId,
          requestId: row.id,
          locale: row.locale,
          regimes: row.regimes,
          portability: row.type === 'portability',
          items,
          redactions: prepared.redactions as Array<{ recordId: string; reason: string }>,
          registerFacts: this.registers.exportFacts(),
        });
        return {
          outcome: { export: pkg.summary, items: items ?? 'all' },
          registerCategories: [],
          noticeAction: 'erased',
          documents: [
            { kind: 'export_json', fileName: `${pkg.fileName}.json`, mediaType: 'application/json', content: pkg.json },
            { kind: 'export_pdf', fileName: `${pkg.fileName}.pdf`, mediaType: 'application/pdf', content: pkg.pdf },
          ],
        };
      }
      case 'rectification': {
        const field = (prepared.change as { field: RectifiableField }).field;
        const value = this.box.open(
          Buffer.from(prepared.valueSealed as string, 'base64'),
          `rights-request-rectification:${row.id}`,
        );
        await this.fulfilment.rectify(ctx, row.subjectId, { field, value }, row.id);
        return {
          outcome: { rectified: field },
          registerCategories: FIELD_CATEGORIES[field] ?? ['identity'],
          noticeAction: 'rectified',
          documents: [],
          // Carried out: the value lives on only in the person's own sealed record of the change.
          preparation: { change: { field } },
        };
      }
      case 'restriction':
        await this.fulfilment.restrict(ctx, row.subjectId, row.id, prepared.note as string);
        // Processing of everything about the person is suspended: every recipient hears of it.
        return {
          outcome: { restricted: true },
          registerCategories: [...DATA_CATEGORIES],
          noticeAction: 'restricted',
          documents: [],
        };
      case 'consent_withdrawal': {
        const { withdrawn } = await this.fulfilment.withdrawConsents(
          ctx,
          row.subjectId,
          prepared.purposes as string[],
          row.id,
        );
        const marketing = withdrawn.includes('marketing');
        return {
          outcome: { withdrawn },
          registerCategories: marketing ? MARKETING_CATEGORIES : [],
          noticeAction: 'restricted',
          documents: [],
        };
      }
      case 'objection':
        // Recorded as decided; what stops follows from the decision (restriction or erasure are their own requests).
        return {
          outcome: { decided: prepared.note },
          registerCategories: [],
          noticeAction: 'restricted',
          documents: [],
        };
      default: {
        const unknown: never = row.type;
        throw new Error(`Unknown request type ${String(unknown)}`);
      }
    }
  }

  /**
   * One task per recipient holding the categories, each with its notice queued (GDPR Art. 19): by
   * e-mail where the register has an address, else as a letter (PDF) the DPO posts.
   */
  async fanOut(
    ctx: StaffContext,
    row: RequestRow,
    categories: DataCategory[],
    action: ProcessorAction,
    now: Date,
  ): Promise<string[]> {
    const recipients = await this.registers.recipientsHolding(row.service, categories);
    const actedOn = localDateOf(now, this.calendar.timeZone);
    const created: string[] = [];
    for (const r of recipients) {
      const taskId = await this.repo.insertTask({
        requestId: row.id,
        registerKind: r.kind,
        registerRowId: r.id,
        recipientName: r.recipient,
        dataCategories: r.dataCategories,
        createdAt: now,
      });
      if (taskId === null) continue;
      created.push(taskId);
      const locale = r.kind === 'transfer' ? 'en' : 'ko';
      const email = r.contact.includes('@');
      const sent = await this.letters.send(
        'processor_notice',
        {
          reference: row.reference,
          locale,
          regimes: row.regimes as never,
          subjectName: '',
          requestType: row.type,
          receivedOn: localDateOf(row.receivedAt, this.calendar.timeZone),
          dueOn: row.dueOn,
          processorNotice: {
            recipientName: r.recipient[locale] || r.recipient.ko,
            action,
            items: r.dataCategories,
            // The recipient knows the person by the platform's account id; nothing more leaves.
            subjectRef: row.subjectId,
            actedOn,
            replyBy: addCalendarDays(actedOn, RECIPIENT_REPLY_DAYS),
          },
        },
        email ? 'email' : 'letter',
        {
          kind: 'processor',
          id: r.id,
          address: email ? r.contact : r.recipient[locale] || r.recipient.ko,
          createdBy: ctx.id,
        },
      );
      await this.repo.setTaskMessage(taskId, sent.messageId);
    }
    return created;
  }
}

/** What the request records of an erasure: what went, what stays and why (statute, destruction date). */
function erasureOutcome(result: ErasureResult): Record<string, unknown> {
  return {
    erased: result.erased,
    retained: result.retained.map((r) => ({
      category: r.category,
      retentionRuleCode: r.retentionRuleCode,
      law: r.law,
      destroyOn: r.destroyOn,
    })),
    shredded: result.shredded,
    tombstone: result.tombstone,
  };
}

function categoriesOf(erased: ErasureCategory[]): DataCategory[] {
  const set = new Set(erased.flatMap((c) => REGISTER_CATEGORIES_OF[c]));
  return DATA_CATEGORIES.filter((c) => set.has(c));
}

/** The categories a set of erasure decisions erases (retained ones stay, so no hold is touched). */
function erasedCategories(decisions: ErasureDecision[]): string[] {
  return decisions.filter((d) => d.action === 'erase').map((d) => d.category);
}
