import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { CreatePolicyDto, PolicyFilterDto, UpdatePolicyDto } from './dto/policy.dto';
import { COMMON_SORT_FIELDS } from './dto/register-list';
import { DriftDto, RenderQuery } from './dto/register-tools.dto';
import { RegisterReadRoutes } from './register-read-routes';

/** The published privacy policies the registers feed: their rows, rendering and drift check. */
@ApiTags('registers')
@Controller('registers/policies')
export class RegisterPoliciesController extends RegisterReadRoutes({
  register: 'policies',
  resource: 'policies',
  subject: 'Register',
  sortFields: [...COMMON_SORT_FIELDS.filter((f) => f !== 'position'), 'code'],
  defaultSort: 'code',
  filterClass: PolicyFilterDto,
  exportAudit: 'register-policies',
}) {
  /** The policy's tables generated from the registers (Markdown or HTML, Korean or English). */
  @Get(':id/render')
  @Can('read', 'Register')
  render(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Query() q: RenderQuery) {
    return this.reports.render(me, id, q);
  }

  /** Every difference between a published policy (Markdown) and the registers. */
  @Post(':id/drift')
  @HttpCode(200)
  @Can('read', 'Register')
  drift(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: DriftDto) {
    return this.reports.driftCheck(me, id, dto.markdown);
  }

  // Writes stay here, typed with this register's DTOs: the ValidationPipe validates by the declared class.
  @Post()
  @Can('create', 'Register')
  @Audited('create', 'register-policy')
  create(@CurrentStaff() me: StaffContext, @Body() { reason, ...input }: CreatePolicyDto) {
    return this.registers.create(me, 'policies', input, reason);
  }

  @Put(':id')
  @Can('update', 'Register')
  @Audited('edit', 'register-policy')
  update(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Body() { reason, version, ...input }: UpdatePolicyDto,
  ) {
    return this.registers.update(me, 'policies', id, input, version, reason);
  }
}
