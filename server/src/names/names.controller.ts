import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { NamesQuery, StaffNameSearchQuery, SubjectPickQuery } from './dto/names.dto';
import { NamesService } from './names.service';

/** Who the ids of a page of access-log events are: staff by name and role, people by masked name. */
@ApiTags('access-log')
@Controller('names')
export class NamesController {
  constructor(private readonly names: NamesService) {}

  @Get()
  @Can('read', 'AccessLog')
  @Audited('view', 'names')
  resolve(@CurrentStaff() me: StaffContext, @Query() q: NamesQuery) {
    return this.names.resolve(me, q.staff ?? [], q.subjects ?? []);
  }

  /** Staff by name or email, for the access log's actor filter. */
  @Get('staff')
  @Can('read', 'AccessLog')
  @Audited('view', 'names')
  searchStaff(@CurrentStaff() me: StaffContext, @Query() { q }: StaffNameSearchQuery) {
    return this.names.searchStaff(me, q);
  }

  /**
   * People by the start of their name or by phone, masked, for the access log's subject filter
   * and for forms. The service checks the scope against the role (see NamesService.searchSubjects).
   */
  @Get('subjects')
  @Can('read', 'AccessLog')
  @Audited('view', 'names')
  searchSubjects(@CurrentStaff() me: StaffContext, @Query() { q, in: scope }: SubjectPickQuery) {
    return this.names.searchSubjects(me, q, scope ?? 'access-log');
  }
}
