import { Injectable } from '@nestjs/common';
import { Masking } from './masking';
import { SubjectKind, SubjectService, SubjectsRepository } from './subjects.repository';

export interface MaskedSubjectName {
  id: string;
  /** Always masked (홍**, J*** S****): this service never reveals. */
  maskedName: string;
  kind: SubjectKind;
  service: SubjectService;
}

/**
 * Masked names of people, for screens that list events about them (the access log). The caller
 * checks the role and records the read; nothing here reveals a value.
 */
@Injectable()
export class SubjectNamesService {
  constructor(private readonly subjects: SubjectsRepository) {}

  async maskedNames(ids: string[]): Promise<MaskedSubjectName[]> {
    if (ids.length === 0) return [];
    const rows = await this.subjects.namesByIds(ids);
    return rows.map((r) => ({ id: r.id, maskedName: Masking.name(r.name), kind: r.kind, service: r.service }));
  }
}
