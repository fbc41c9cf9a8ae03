import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateTransferDto, TransferFilterDto, UpdateTransferDto } from './dto/transfer.dto';
import { COMMON_SORT_FIELDS } from './dto/register-list';
import { RegisterReadRoutes } from './register-read-routes';

/** International transfers (PIPA Art. 28-8, GDPR Art. 44-49). */
@ApiTags('registers')
@Controller('registers/transfers')
export class TransfersController extends RegisterReadRoutes({
  register: 'transfers',
  resource: 'transfers',
  subject: 'Register',
  sortFields: [...COMMON_SORT_FIELDS, 'country'],
  defaultSort: 'position',
  filterClass: TransferFilterDto,
  exportAudit: 'register-transfers',
}) {
  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-transfer')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateTransferDto) {
    return this.registers.create(me, 'transfers', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-transfer')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateTransferDto,
  ) {
    return this.registers.update(me, 'transfers', id, input, version, reason);
  }
}
