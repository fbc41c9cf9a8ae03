import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../../access-log/audited';
import { Can } from '../../authorization/decorators';
import { CurrentStaff } from '../../common/current-staff.decorator';
import { IdParam } from '../../common/id-param';
import { parseListParams, setContentRange } from '../../common/list-query';
import type { StaffContext } from '../../context/staff-context';
import {
  AddHoldSubjectsDto,
  CreateLegalHoldDto,
  HoldSubjectParam,
  LEGAL_HOLD_SORT_FIELDS,
  LegalHoldFilterDto,
  ReleaseLegalHoldDto,
  UpdateLegalHoldDto,
} from './dto/legal-hold.dto';
import { LegalHoldsService } from './legal-holds.service';

/** Legal holds: placed, changed and released by the DPO; read by the DPO, security and the auditor. */
@ApiTags('retention')
@Controller('retention/holds')
export class LegalHoldsController {
  constructor(private readonly holds: LegalHoldsService) {}

  @Get()
  @Can('read', 'LegalHold')
  @Audited('view', 'legal-hold')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: LEGAL_HOLD_SORT_FIELDS,
      defaultSort: 'reviewOn',
      filterClass: LegalHoldFilterDto,
    });
    const { rows, total } = await this.holds.list(me, params);
    setContentRange(res, 'retention/holds', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'LegalHold')
  @Audited('view', 'legal-hold')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.holds.get(me, id);
  }

  @Get(':id/subjects')
  @Can('read', 'LegalHold')
  @Audited('view', 'legal-hold')
  subjects(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.holds.subjects(me, id);
  }

  @Get(':id/events')
  @Can('read', 'LegalHold')
  @Audited('view', 'legal-hold')
  events(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.holds.events(me, id);
  }

  @Post()
  @Can('create', 'LegalHold')
  @Audited('create', 'legal-hold')
  create(@CurrentStaff() me: StaffContext, @Body() dto: CreateLegalHoldDto) {
    return this.holds.create(me, dto);
  }

  @Patch(':id')
  @Can('update', 'LegalHold')
  @Audited('edit', 'legal-hold')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: UpdateLegalHoldDto) {
    return this.holds.update(me, id, dto);
  }

  @Post(':id/subjects')
  @HttpCode(200)
  @Can('update', 'LegalHold')
  @Audited('edit', 'legal-hold')
  addSubjects(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: AddHoldSubjectsDto) {
    return this.holds.addSubjects(me, id, dto);
  }

  @Delete(':id/subjects/:subjectId')
  @Can('update', 'LegalHold')
  @Audited('edit', 'legal-hold')
  removeSubject(@CurrentStaff() me: StaffContext, @Param() { id, subjectId }: HoldSubjectParam) {
    return this.holds.removeSubject(me, id, subjectId);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Can('update', 'LegalHold')
  @Audited('edit', 'legal-hold')
  release(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: ReleaseLegalHoldDto) {
    return this.holds.release(me, id, dto);
  }
}
