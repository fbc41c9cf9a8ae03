import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StaffContext } from '../context/staff-context';
import { Can, StepUp } from '../authorization/decorators';
import { Audited } from './audited';
import { CurrentStaff } from '../common/current-staff.decorator';
import { AccessLogService } from './access-log.service';
import { AuditVerificationService } from './audit-verification.service';
import { AccessReviewService } from './access-review.service';
import {
  AccessLogPageDto,
  ConsistencyQuery,
  ExplainGroupDto,
  ExportDto,
  HeadsQuery,
  MonthParam,
  SeqParam,
  SignOffDto,
  VerifyDto,
} from './dto/access-log.dto';

@ApiTags('access-log')
@Controller('access-log')
export class AccessLogController {
  constructor(
    private readonly log: AccessLogService,
    private readonly verification: AuditVerificationService,
    private readonly reviews: AccessReviewService,
  ) {}

  /** Newest first, keyset-paginated: pass the `X-Next-Before` value as `before` for the next page. */
  @Get()
  @Can('read', 'AccessLog')
  @Audited('view', 'access-log')
  async list(
    @CurrentStaff() me: StaffContext,
    @Query() page: AccessLogPageDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { json, nextBefore } = await this.log.listJson(me, page.filter, page.before, page.limit ?? 50);
    if (nextBefore !== null) res.setHeader('X-Next-Before', String(nextBefore));
    // Already JSON (the stored canonical events): sent as it is, after the interceptors saw it.
    res.type('application/json');
    return json;
  }

  @Get('heads')
  @Can('read', 'AccessLog')
  heads(@CurrentStaff() me: StaffContext, @Query() q: HeadsQuery) {
    return this.log.heads(me, q.limit ?? 100);
  }

  @Get('consistency')
  @Can('read', 'AccessLog')
  consistency(@CurrentStaff() me: StaffContext, @Query() q: ConsistencyQuery) {
    return this.log.consistency(me, q.from, q.to);
  }

  @Post('verify')
  @HttpCode(200)
  @Can('verify', 'AccessLog')
  @Audited('view', 'access-log-verification')
  verify(@CurrentStaff() me: StaffContext, @Body() dto: VerifyDto) {
    return this.verification.verify(me, { full: dto.full === true });
  }

  @Get('verifications/latest')
  @Can('read', 'AccessLog')
  async latestVerification(@CurrentStaff() me: StaffContext, @Res() res: Response): Promise<void> {
    // Sent as JSON explicitly: Nest would answer `null` with an empty body.
    res.json(await this.verification.latest(me));
  }

  /** CSV of the filtered log: needs a fresh TOTP code and a reason, and is itself logged as a download. */
  @Post('export')
  @HttpCode(200)
  @Can('export', 'AccessLog')
  @Audited('download', 'access-log')
  @StepUp()
  async export(@CurrentStaff() me: StaffContext, @Body() dto: ExportDto, @Res() res: Response): Promise<void> {
    const { csv, rows, fileName } = await this.log.exportCsv(me, dto.filter ?? {}, dto.reason);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .setHeader('Content-Disposition', `attachment; filename="${fileName}"`)
      .setHeader('X-Row-Count', String(rows))
      .send(csv);
  }

  @Get('reviews/:month')
  @Can('read', 'AccessLogReview')
  @Audited('view', 'access-review')
  review(@CurrentStaff() me: StaffContext, @Param() { month }: MonthParam) {
    return this.reviews.review(me, month);
  }

  @Post('reviews/:month/sign-off')
  @HttpCode(200)
  @Can('signOff', 'AccessLogReview')
  @Audited('edit', 'access-review')
  signOff(@CurrentStaff() me: StaffContext, @Param() { month }: MonthParam, @Body() dto: SignOffDto) {
    return this.reviews.signOff(me, month, dto.notes);
  }

  /** Marks one person's anomalies in one session explained, with a note kept in the review. */
  @Post('reviews/:month/explanations')
  @HttpCode(200)
  @Can('signOff', 'AccessLogReview')
  @Audited('edit', 'access-review')
  explain(@CurrentStaff() me: StaffContext, @Param() { month }: MonthParam, @Body() dto: ExplainGroupDto) {
    return this.reviews.explain(me, month, dto);
  }

  @Get(':seq')
  @Can('read', 'AccessLog')
  @Audited('view', 'access-log-event')
  get(@CurrentStaff() me: StaffContext, @Param() { seq }: SeqParam) {
    return this.log.get(me, seq);
  }
}
