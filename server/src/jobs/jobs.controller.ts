import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StaffContext } from '../context/staff-context';
import { Can } from '../authorization/decorators';
import { CurrentStaff } from '../common/current-staff.decorator';
import { IdParam } from '../common/id-param';
import { parseListParams, setContentRange } from '../common/list-query';
import { JOB_RUN_SORT_FIELDS, JobNameParam, JobRunFilterDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

/** The Jobs screen: the registered jobs, their runs, and starting one now (DPO and sysadmin). */
@ApiTags('jobs')
@Controller()
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Get('jobs')
  @Can('read', 'Job')
  async list(@CurrentStaff() me: StaffContext, @Res({ passthrough: true }) res: Response) {
    const rows = await this.jobs.list(me);
    setContentRange(res, 'jobs', 0, rows.length, rows.length);
    return rows;
  }

  @Get('jobs/:name')
  @Can('read', 'Job')
  get(@CurrentStaff() me: StaffContext, @Param() { name }: JobNameParam) {
    return this.jobs.get(me, name);
  }

  @Post('jobs/:name/run')
  @HttpCode(202)
  @Can('run', 'Job')
  startNow(@CurrentStaff() me: StaffContext, @Param() { name }: JobNameParam) {
    return this.jobs.startNow(me, name);
  }

  @Get('job-runs')
  @Can('read', 'Job')
  async listRuns(
    @CurrentStaff() me: StaffContext,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) res: Response,
  ) {
    const params = parseListParams(query, {
      sortFields: JOB_RUN_SORT_FIELDS,
      defaultSort: 'startedAt',
      filterClass: JobRunFilterDto,
    });
    const { rows, total } = await this.jobs.listRuns(me, params);
    setContentRange(res, 'job-runs', params.offset, rows.length, total);
    return rows;
  }

  @Get('job-runs/:id')
  @Can('read', 'Job')
  getRun(@CurrentStaff() me: StaffContext, @Param() { id }: IdParam) {
    return this.jobs.getRun(me, id);
  }
}
