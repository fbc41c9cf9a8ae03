import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@casl/ability';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService, type MaskedSubjectName } from '../subjects/subject-names.service';

export interface ResolvedNames {
  staff: { id: string; name: string; role: string }[];
  subjects: MaskedSubjectName[];
}

/**
 * Names for the ids the access log shows: one query for the staff, one for the people. People's
 * names stay masked (no reveal here). A masked name is still a little of someone's personal data,
 * so showing it is recorded: one event per page, naming whose masked names were shown.
 */
@Injectable()
export class NamesService {
  constructor(
    private readonly staff: StaffService,
    private readonly subjects: SubjectNamesService,
    private readonly audit: AuditService,
  ) {}

  async resolve(ctx: StaffContext, staffIds: string[], subjectIds: string[]): Promise<ResolvedNames> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'AccessLog');
    const staff = await this.staff.namesByIds(staffIds);
    const subjects = await this.subjects.maskedNames(subjectIds);
    await this.audit.record(
      {
        action: 'view',
        resource: 'names',
        outcome: 'success',
        fields: ['name'],
        detail: { subjects: subjects.map((s) => s.id), staff: staff.map((s) => s.id), masked: true },
      },
      ctx.origin,
    );
    return { staff: staff.map((s) => ({ id: s.id, name: s.displayName, role: s.role })), subjects };
  }

  async searchStaff(ctx: StaffContext, q: string): Promise<ResolvedNames['staff']> {
    ForbiddenError.from(ctx.ability).throwUnlessCan('read', 'AccessLog');
    const found = await this.staff.searchNames(q);
    await this.audit.record(
      {
        action: 'view',
        resource: 'names',
        outcome: 'success',
        fields: ['name'],
        detail: { search: 'staff', staff: found.map((s) => s.id) },
      },
      ctx.origin,
    );
    return found.map((s) => ({ id: s.id, name: s.displayName, role: s.role }));
  }
}
