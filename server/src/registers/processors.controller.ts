import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateProcessorDto, ProcessorFilterDto, UpdateProcessorDto } from './dto/processor.dto';
import { COMMON_SORT_FIELDS } from './dto/register-list';
import { RegisterReadRoutes } from './register-read-routes';

/** Processors and sub-processors (PIPA Art. 26). */
@ApiTags('registers')
@Controller('registers/processors')
export class ProcessorsController extends RegisterReadRoutes({
  register: 'processors',
  resource: 'processors',
  subject: 'Register',
  sortFields: [...COMMON_SORT_FIELDS, 'status', 'dpaExpiresOn', 'nextInspectionDue'],
  defaultSort: 'position',
  filterClass: ProcessorFilterDto,
  exportAudit: 'register-processors',
}) {
  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-processor')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateProcessorDto) {
    return this.registers.create(me, 'processors', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-processor')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateProcessorDto,
  ) {
    return this.registers.update(me, 'processors', id, input, version, reason);
  }
}
