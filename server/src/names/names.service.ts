import { Injectable } from '@nestjs/common';
import { throwUnlessCan } from '../authorization/abilities';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { StaffService } from '../staff/staff.service';
import { SubjectNamesService, type MaskedSubjectName, type SubjectPick } from '../subjects/subject-names.service';
import type { PickScope } from './dto/names.dto';

/** At most this many people per answer: enough to choose from once age, service and phone are shown. */
const PICK_LIMIT = 20;

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
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
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
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
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

  /**
   * A person picker. Who may look whom up (decided for F6):
   * - `access-log`: people the access log names, for any access-log reader. Security and the
   *   auditor may not search people on the subjects screen; this does not widen that, since the
   *   same masked names are what the log already shows them page by page (GET /names), and the
   *   filter could find no one else's events anyway.
   * - `people`: everyone, only for a role that may search people (read Subject), as on the
   *   subjects screen; the disclosure form needs a person the log may not name yet.
   * The search is recorded like the subject search: how it searched (name or phone) and whose
   * masked names it showed, never the text typed, which is itself personal data.
   */
  async searchSubjects(ctx: StaffContext, q: string, scope: PickScope): Promise<SubjectPick[]> {
    throwUnlessCan(ctx.ability, 'read', 'AccessLog');
    if (scope === 'people') throwUnlessCan(ctx.ability, 'read', 'Subject');
    const { by, rows } = await this.subjects.pick(q, scope === 'access-log', PICK_LIMIT);
    await this.audit.record(
      {
        action: 'view',
        resource: 'names',
        outcome: 'success',
        fields: ['name', 'age', 'phone'],
        detail: { search: 'subjects', in: scope, by, subjects: rows.map((r) => r.id), masked: true },
      },
      ctx.origin,
    );
    return rows;
  }
}
