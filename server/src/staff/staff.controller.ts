import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StaffContext } from '../context/staff-context';
import { Audited } from '../access-log/audited';
import { Can, StepUp } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import { ChangeRoleDto, InviteStaffDto, ReasonDto, STAFF_SORT_FIELDS, StaffFilterDto } from './dto/staff-requests.dto';
import { InvitedStaffResponse, StaffResponse } from './dto/staff-response.dto';
import { StaffService } from './staff.service';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @Can('read', 'Staff')
  @Audited('view', 'staff')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StaffResponse[]> {
    const params = parseListParams(query, {
      sortFields: STAFF_SORT_FIELDS,
      defaultSort: 'email',
      filterClass: StaffFilterDto,
    });
    const { rows, total } = await this.staff.list(me, params);
    setContentRange(res, 'staff', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'Staff')
  @Audited('view', 'staff')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam): Promise<StaffResponse> {
    return this.staff.get(me, id);
  }

  @Post()
  @Can('create', 'Staff')
  @Audited('administer', 'staff')
  invite(@CurrentStaff() me: StaffContext, @Body() dto: InviteStaffDto): Promise<InvitedStaffResponse> {
    return this.staff.invite(me, dto);
  }

  @Post(':id/role')
  @HttpCode(200)
  @Can('changeRole', 'Staff')
  @Audited('administer', 'staff')
  changeRole(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ChangeRoleDto) {
    return this.staff.changeRole(me, id, dto.role, dto.reason);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @Can('disable', 'Staff')
  @Audited('administer', 'staff')
  disable(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ReasonDto) {
    return this.staff.disable(me, id, dto.reason);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @Can('enable', 'Staff')
  @Audited('administer', 'staff')
  enable(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ReasonDto) {
    return this.staff.enable(me, id, dto.reason);
  }

  @Post(':id/unlock')
  @HttpCode(200)
  @Can('unlock', 'Staff')
  @Audited('administer', 'staff')
  unlock(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ReasonDto) {
    return this.staff.unlock(me, id, dto.reason);
  }

  @Post(':id/mfa-reset')
  @HttpCode(200)
  @Can('resetMfa', 'Staff')
  @Audited('administer', 'staff')
  @StepUp()
  resetMfa(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ReasonDto) {
    return this.staff.resetMfa(me, id, dto.reason);
  }
}
