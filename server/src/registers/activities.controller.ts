import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateActivityDto, ActivityFilterDto, UpdateActivityDto } from './dto/activity.dto';
import { COMMON_SORT_FIELDS } from './dto/register-list';
import { RegisterReadRoutes } from './register-read-routes';

/** Processing activities (GDPR Art. 30(1)). */
@ApiTags('registers')
@Controller('registers/activities')
export class ActivitiesController extends RegisterReadRoutes({
  register: 'activities',
  resource: 'activities',
  subject: 'Register',
  sortFields: [...COMMON_SORT_FIELDS, 'status'],
  defaultSort: 'position',
  filterClass: ActivityFilterDto,
  exportAudit: 'register-activities',
}) {
  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-activity')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateActivityDto) {
    return this.registers.create(me, 'activities', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-activity')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateActivityDto,
  ) {
    return this.registers.update(me, 'activities', id, input, version, reason);
  }
}
