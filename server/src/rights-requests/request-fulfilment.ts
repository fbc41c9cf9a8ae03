import { Injectable } from '@nestjs/common';
import type { StaffContext } from '../context/staff-context';
import { Problem } from '../common/problem';
import { OutboxService } from '../outbox/outbox.service';
import { DATA_CATEGORIES, type DataCategory } from '../registers/register-types';
import { RegistersService } from '../registers/registers.service';
import type { PrepareDto } from './dto/rights-request.dto';
import type { DocumentKind } from './rights-request-types';
import { RightsRequestsErrorCode } from './rights-requests.errors';
import { RightsRequestsRepository, type RequestRow } from './rights-requests.repository';
import { SubjectActions, type ErasureDecision } from './subject-actions';

export interface FulfilmentResult {
  outcome: Record<string, unknown>;
  /** The register data categories the action changed: who must hear of it. */
  registerCategories: DataCategory[];
  documents: Array<{ kind: DocumentKind; fileName: string; mediaType: string; content: Buffer }>;
}

/** The register categories a rectified field belongs to. */
const FIELD_CATEGORIES: Record<string, DataCategory[]> = {
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
 * Carries out a prepared request on the subject data through the subjects module (SubjectActions),
 * inside the caller's transaction, and fans it out to the registers' recipients: one task per
 * processor, provision or transfer whose activities hold the affected categories, its notice
 * queued in the outbox in the same transaction.
 */
@Injectable()
export class RequestFulfilment {
  constructor(
    private readonly actions: SubjectActions,
    private readonly registers: RegistersService,
    private readonly outbox: OutboxService,
    private readonly repo: RightsRequestsRepository,
  ) {}

  /** The preparation the request's type needs, checked; stored as the decision the approver sees. */
  checkPreparation(row: RequestRow, dto: PrepareDto): Promise<Record<string, unknown>> {
    const missing = (field: string, message: string) =>
      Problem.validation([{ field, code: RightsRequestsErrorCode.RequiredForType, message }]);
    switch (row.type) {
      case 'erasure':
      case 'account_withdrawal': {
        if (dto.decisions === undefined)
          throw missing('decisions', 'Decide on each data category: erase, or retain under its rule');
        const categories = dto.decisions.map((d) => d.category);
        if (new Set(categories).size !== categories.length) {
          throw missing('decisions', 'One decision per category');
        }
        return Promise.resolve({ decisions: dto.decisions, ...(dto.note ? { note: dto.note } : {}) });
      }
      case 'access':
      case 'portability':
        return Promise.resolve({ redactions: dto.redactions ?? [], ...(dto.note ? { note: dto.note } : {}) });
      case 'rectification':
        if (dto.change === undefined) throw missing('change', 'The field to correct and its new value');
        return Promise.resolve({ change: { field: dto.change.field }, value: dto.change.value });
      case 'consent_withdrawal': {
        const purposes = dto.purposes ?? (row.details.purposes as string[] | undefined);
        if (purposes === undefined || purposes.length === 0) throw missing('purposes', 'The purposes to withdraw');
        return Promise.resolve({ purposes });
      }
      case 'restriction':
      case 'objection':
        if (dto.note === undefined) throw missing('note', 'The decision and its grounds');
        return Promise.resolve({ note: dto.note });
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
        const decisions = prepared.decisions as ErasureDecision[];
        const result = await this.actions.erase(ctx, row.subjectId, decisions, row.id);
        return {
          outcome: {
            erased: result.erased,
            retained: result.retained,
            shredded: result.shredded,
            tombstone: result.tombstone,
          },
          registerCategories: this.categoriesOf(result.erased),
          documents: [],
        };
      }
      case 'access':
      case 'portability': {
        const pkg = await this.actions.buildExport(ctx, {
          subjectId: row.subjectId,
          requestId: row.id,
          locale: row.locale,
          regimes: row.regimes,
          portability: row.type === 'portability',
          items: row.details.items as string[] | undefined,
          redactions: prepared.redactions as Array<{ recordId: string; reason: string }>,
        });
        return {
          outcome: { export: pkg.summary },
          registerCategories: [],
          documents: [
            { kind: 'export_json', fileName: `${pkg.fileName}.json`, mediaType: 'application/json', content: pkg.json },
            { kind: 'export_pdf', fileName: `${pkg.fileName}.pdf`, mediaType: 'application/pdf', content: pkg.pdf },
          ],
        };
      }
      case 'rectification': {
        const change = { field: (prepared.change as { field: string }).field, value: prepared.value as string };
        const { field } = await this.actions.rectify(ctx, row.subjectId, change, row.id);
        return {
          outcome: { rectified: field },
          registerCategories: FIELD_CATEGORIES[field] ?? ['identity'],
          documents: [],
        };
      }
      case 'restriction':
        await this.actions.restrict(ctx, row.subjectId, row.id, prepared.note as string);
        // Processing of everything about the person is suspended: every recipient hears of it.
        return { outcome: { restricted: true }, registerCategories: [...DATA_CATEGORIES], documents: [] };
      case 'consent_withdrawal': {
        const { withdrawn } = await this.actions.withdrawConsents(
          ctx,
          row.subjectId,
          prepared.purposes as string[],
          row.id,
        );
        const marketing = withdrawn.some((p) => p.includes('marketing'));
        return { outcome: { withdrawn }, registerCategories: marketing ? MARKETING_CATEGORIES : [], documents: [] };
      }
      case 'objection':
        // Recorded as decided; what stops follows from the decision (restriction or erasure are their own requests).
        return { outcome: { decided: prepared.note }, registerCategories: [], documents: [] };
      default: {
        const unknown: never = row.type;
        throw new Error(`Unknown request type ${String(unknown)}`);
      }
    }
  }

  /** One task per recipient holding the categories, each with its notice queued (GDPR Art. 19). */
  async fanOut(ctx: StaffContext, row: RequestRow, categories: DataCategory[], now: Date): Promise<string[]> {
    const recipients = await this.registers.recipientsHolding(row.service, categories);
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
      // A recipient with no address on record gets its notice by other means: the task stays open for the evidence.
      if (!r.contact.includes('@')) continue;
      const messageId = await this.outbox.enqueue({
        templateKey: 'rights-request.recipient-notice',
        language: r.kind === 'transfer' ? 'en' : 'ko',
        recipient: { kind: 'processor', id: r.id, address: r.contact },
        data: {
          recipient: r.recipient.ko,
          reference: row.reference,
          typeKo: TYPE_KO[row.type],
          typeEn: row.type.replace('_', ' '),
          categories: r.dataCategories,
        },
        reference: `rights-request:${row.id}`,
        createdBy: ctx.id,
      });
      await this.repo.setTaskMessage(taskId, messageId);
    }
    return created;
  }

  private categoriesOf(erased: string[]): DataCategory[] {
    const set = new Set(erased.flatMap((c) => this.actions.registerCategoriesOf(c)));
    return DATA_CATEGORIES.filter((c) => set.has(c));
  }
}

const TYPE_KO: Record<RequestRow['type'], string> = {
  access: '열람',
  portability: '전송',
  rectification: '정정',
  erasure: '삭제',
  restriction: '처리정지',
  consent_withdrawal: '동의 철회',
  account_withdrawal: '회원 탈퇴',
  objection: '처리 반대',
};
