import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Audited } from '../access-log/audited';
import type { StaffContext } from '../context/staff-context';
import { Can, StepUp } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import {
  AccessHistoryQuery,
  AccountActionDto,
  AccountActionParams,
  FindingFilterDto,
  FindingIdParam,
  IdentityCheckDto,
  PhiRevealDto,
  RevealDto,
  SUBJECT_SORT_FIELDS,
  SubjectFilterDto,
  UpdateFindingDto,
} from './dto/subject-requests.dto';
import { ComplianceFindingsService } from './compliance-findings.service';
import { SubjectsService } from './subjects.service';

@ApiTags('subjects')
@Controller('subjects')
export class SubjectsController {
  constructor(private readonly subjects: SubjectsService) {}

  @Get()
  @Can('read', 'Subject')
  @Audited('view', 'subject-search')
  async search(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: SUBJECT_SORT_FIELDS,
      defaultSort: 'createdAt',
      filterClass: SubjectFilterDto,
    });
    const { rows, total, totalAtLeast } = await this.subjects.search(me, params);
    // "subjects 0-24/1001+": at least 1,001 match (react-admin's partial pagination in the UI).
    setContentRange(res, 'subjects', params.offset, rows.length, totalAtLeast ? `${total}+` : total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'Subject')
  @Audited('view', 'subject', { subjectOf: 'subject' })
  profile(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.subjects.profile(me, id);
  }

  @Post(':id/reveal')
  @HttpCode(200)
  @Can('reveal', 'Subject')
  @Audited('reveal', 'subject', { subjectOf: 'subject' })
  reveal(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: RevealDto) {
    return this.subjects.reveal(me, id, dto);
  }

  @Post(':id/phi/reveal')
  @HttpCode(200)
  @Can('revealPhi', 'Subject')
  @StepUp()
  @Audited('reveal', 'phi', { subjectOf: 'subject' })
  revealPhi(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: PhiRevealDto) {
    return this.subjects.revealPhi(me, id, dto);
  }

  @Post(':id/identity-checks')
  @Can('accountAction', 'Subject')
  @Audited('create', 'identity-check', { subjectOf: 'subject' })
  recordIdentityCheck(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam, @Body() dto: IdentityCheckDto) {
    return this.subjects.recordIdentityCheck(me, id, dto);
  }

  @Post(':id/actions/:action')
  @HttpCode(200)
  @Can('accountAction', 'Subject')
  @Audited('edit', 'subject-account', { subjectOf: 'subject' })
  accountAction(
    @CurrentStaff() me: StaffContext,
    @Param() { id, action }: AccountActionParams,
    @Body() dto: AccountActionDto,
  ) {
    return this.subjects.accountAction(me, id, action, dto);
  }

  @Get(':id/access-history')
  @Can('read', 'AccessLog')
  @Audited('view', 'access-log', { subjectOf: 'subject' })
  async accessHistory(
    @CurrentStaff() me: StaffContext,
    @Param() { id }: IdParam,
    @Query() query: AccessHistoryQuery,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { events, nextBefore } = await this.subjects.accessHistory(me, id, query.before, query.limit ?? 50);
    if (nextBefore !== null) res.setHeader('X-Next-Before', String(nextBefore));
    return events;
  }
}

@ApiTags('subjects')
@Controller('compliance-findings')
export class ComplianceFindingsController {
  constructor(private readonly findings: ComplianceFindingsService) {}

  /** Findings as work, with owner, status and deadline; filters: kind, service, status, ownerId. */
  @Get()
  @Can('read', 'ComplianceFinding')
  @Audited('view', 'compliance-finding')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: ['since'] as const,
      defaultSort: 'since',
      filterClass: FindingFilterDto,
    });
    const { rows, total } = await this.findings.list(me, params);
    setContentRange(res, 'compliance-findings', params.offset, rows.length, total);
    return rows;
  }

  @Get(':id')
  @Can('read', 'ComplianceFinding')
  @Audited('view', 'compliance-finding')
  get(@CurrentStaff() me: StaffContext, @Param() { id }: FindingIdParam) {
    return this.findings.get(me, id);
  }

  /** Every change to the finding's work, newest first. */
  @Get(':id/history')
  @Can('read', 'ComplianceFinding')
  history(@CurrentStaff() me: StaffContext, @Param() { id }: FindingIdParam) {
    return this.findings.history(me, id);
  }

  /** Owner and status (the DPO), on the version edited: a stale version gets 409. */
  @Put(':id')
  @Can('update', 'ComplianceFinding')
  @Audited('edit', 'compliance-finding')
  update(@CurrentStaff() me: StaffContext, @Param() { id }: FindingIdParam, @Body() dto: UpdateFindingDto) {
    return this.findings.update(me, id, dto);
  }
}
