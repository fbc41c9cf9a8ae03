import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateProvisionDto, ProvisionFilterDto, UpdateProvisionDto } from './dto/provision.dto';
import { COMMON_SORT_FIELDS } from './dto/register-list';
import { RegisterReadRoutes } from './register-read-routes';

/** Third-party provisions (PIPA Art. 17). */
@ApiTags('registers')
@Controller('registers/provisions')
export class ProvisionsController extends RegisterReadRoutes({
  register: 'provisions',
  resource: 'provisions',
  subject: 'Register',
  sortFields: [...COMMON_SORT_FIELDS, 'status'],
  defaultSort: 'position',
  filterClass: ProvisionFilterDto,
  exportAudit: 'register-provisions',
}) {
  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-provision')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateProvisionDto) {
    return this.registers.create(me, 'provisions', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-provision')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateProvisionDto,
  ) {
    return this.registers.update(me, 'provisions', id, input, version, reason);
  }
}
