import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreateDisclosureDto, DisclosureFilterDto, UpdateDisclosureDto } from './dto/disclosure.dto';
import { RegisterReadRoutes } from './register-read-routes';

/** Disclosures the law required. They name a subject: every read is in the access log. */
@ApiTags('registers')
@Controller('legal-disclosures')
export class LegalDisclosuresController extends RegisterReadRoutes({
  register: 'disclosures',
  resource: 'legal-disclosures',
  subject: 'LegalDisclosure',
  sortFields: ['disclosedOn', 'createdAt', 'updatedAt'],
  defaultSort: 'disclosedOn',
  // Newest first unless asked otherwise.
  defaultOrder: 'DESC',
  filterClass: DisclosureFilterDto,
  exportAudit: 'legal-disclosure',
  viewAudit: 'legal-disclosure',
  exportStepUp: true,
}) {
  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'LegalDisclosure')
  @Audited('create', 'legal-disclosure')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreateDisclosureDto) {
    return this.registers.create(me, 'disclosures', input, reason);
  }

  @Put(':id')
  @Can('update', 'LegalDisclosure')
  @Audited('edit', 'legal-disclosure')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdateDisclosureDto,
  ) {
    return this.registers.update(me, 'disclosures', id, input, version, reason);
  }
}
