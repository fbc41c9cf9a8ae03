import { Injectable } from '@nestjs/common';
import type { LocalDate } from '../calendar/local-date';
import type { StaffContext } from '../context/staff-context';
import { Problem } from '../common/problem';
import type { DataCategory } from '../registers/register-types';
import { RightsRequestsErrorCode } from './rights-requests.errors';

/*
 * The subject-side actions a request carries out (F7-CONTRACT §3, SubjectFulfilmentService) and the
 * export package (§4, SubjectExportService), both built in the subjects module on other branches.
 * This module calls them only through this port. Until those branches are merged the port's
 * provider is UnwiredSubjectActions, which refuses (503) instead of pretending the data changed.
 * TODO(merge f7-erasure, f7-export): provide an implementation delegating to those two services
 * and take ERASURE_CATEGORIES / REGISTER_CATEGORIES_OF from subjects/fulfilment.
 */

export type ErasureDecision =
  { category: string; action: 'erase' } | { category: string; action: 'retain'; retentionRuleCode: string };

export interface ErasureResult {
  erased: string[];
  retained: Array<{ category: string; retentionRuleCode: string; law: string; destroyOn: LocalDate }>;
  shredded: boolean;
  tombstone: boolean;
}

export interface ExportOptions {
  subjectId: string;
  requestId: string;
  locale: 'ko' | 'en';
  regimes: string[];
  portability: boolean;
  items?: string[];
  redactions?: Array<{ recordId: string; reason: string }>;
}

export interface ExportPackage {
  json: Buffer;
  pdf: Buffer;
  fileName: string;
  summary: {
    records: number;
    excludedPsychotherapyNotes: number;
    redactions: Array<{ recordId: string; reason: string }>;
  };
}

export abstract class SubjectActions {
  /** Every erasure category (account withdrawal decides on each). */
  abstract readonly erasureCategories: readonly string[];
  /** The register data categories an erasure category touches (the fan-out). */
  abstract registerCategoriesOf(category: string): DataCategory[];
  abstract erase(
    ctx: StaffContext,
    subjectId: string,
    decisions: ErasureDecision[],
    requestId: string,
  ): Promise<ErasureResult>;
  abstract rectify(
    ctx: StaffContext,
    subjectId: string,
    change: { field: string; value: string },
    requestId: string,
  ): Promise<{ field: string }>;
  abstract restrict(ctx: StaffContext, subjectId: string, requestId: string, reason: string): Promise<void>;
  abstract withdrawConsents(
    ctx: StaffContext,
    subjectId: string,
    purposes: string[],
    requestId: string,
  ): Promise<{ withdrawn: string[] }>;
  abstract buildExport(ctx: StaffContext, options: ExportOptions): Promise<ExportPackage>;
}

const unwired = (what: string) =>
  Problem.of(RightsRequestsErrorCode.FulfilmentUnavailable, `${what} is not available in this build yet`);

/** Refuses every action: the subject-side services are not merged yet (see the note above). */
@Injectable()
export class UnwiredSubjectActions extends SubjectActions {
  readonly erasureCategories: readonly string[] = [];
  registerCategoriesOf(): DataCategory[] {
    return [];
  }
  erase(): Promise<ErasureResult> {
    return Promise.reject(unwired('Erasure'));
  }
  rectify(): Promise<{ field: string }> {
    return Promise.reject(unwired('Rectification'));
  }
  restrict(): Promise<void> {
    return Promise.reject(unwired('Restriction'));
  }
  withdrawConsents(): Promise<{ withdrawn: string[] }> {
    return Promise.reject(unwired('Consent withdrawal'));
  }
  buildExport(): Promise<ExportPackage> {
    return Promise.reject(unwired('The export package'));
  }
}
