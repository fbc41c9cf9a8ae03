import { Injectable } from '@nestjs/common';
import { subject as asSubject } from '@casl/ability';
import { throwUnlessCan } from '../authorization/abilities';
import { AuditService } from '../access-log/audit.service';
import type { StaffContext } from '../context/staff-context';
import { Clock } from '../calendar/clock';
import { addCalendarDays, localDateOf, startOfLocalDate } from '../calendar/local-date';
import type { ListParams } from '../common/list-query';
import { Problem } from '../common/problem';
import { AppConfig } from '../config/app-config';
import type { JobDto, StartedJobDto } from './dto/job.dto';
import { JobRunner, type RegisteredJob } from './job-runner';
import { JobsErrorCode } from './jobs.errors';
import { JobsRepository, type JobRunFilter, type JobRunRow, type JobRunSortField } from './jobs.repository';

const DEFAULT_TIMEOUT_MINUTES = 15;

/**
 * The Jobs screen's rules: which jobs exist, when each last ran and runs next, every run, and
 * starting a job now (DPO and sysadmin), which the access log records in the transaction that
 * queues the run.
 */
@Injectable()
export class JobsService {
  constructor(
    private readonly runner: JobRunner,
    private readonly repo: JobsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Deletes the record of runs that started before the last JOB_RUNS_RETENTION_DAYS whole days in
   * the organisation's time zone (with 180, on 3 December everything before 6 June goes).
   */
  async pruneRuns(): Promise<{ deleted: number }> {
    const timeZone = this.config.orgTimeZone;
    const today = localDateOf(this.clock.now(), timeZone);
    const cutoff = startOfLocalDate(addCalendarDays(today, -this.config.jobRunsRetentionDays), timeZone);
    return { deleted: await this.repo.deleteRunsStartedBefore(cutoff) };
  }

  async list(ctx: StaffContext): Promise<JobDto[]> {
    throwUnlessCan(ctx.ability, 'read', 'Job');
    const [lastRuns, states] = await Promise.all([this.repo.lastRuns(), this.repo.queueStates()]);
    return this.runner.registered().map((job) => this.toDto(job, lastRuns.get(job.definition.name), states));
  }

  async get(ctx: StaffContext, name: string): Promise<JobDto> {
    const job = this.runner.find(name);
    if (job === undefined) throw jobNotFound();
    throwUnlessCan(ctx.ability, 'read', asSubject('Job', { name }));
    const [lastRuns, states] = await Promise.all([this.repo.lastRuns(), this.repo.queueStates()]);
    return this.toDto(job, lastRuns.get(name), states);
  }

  async listRuns(
    ctx: StaffContext,
    params: ListParams<JobRunSortField, JobRunFilter>,
  ): Promise<{ rows: JobRunRow[]; total: number }> {
    throwUnlessCan(ctx.ability, 'read', 'Job');
    return this.repo.listRuns(
      params.filter,
      { field: params.sortField, order: params.sortOrder },
      { offset: params.offset, limit: params.limit },
    );
  }

  async getRun(ctx: StaffContext, id: string): Promise<JobRunRow> {
    const run = await this.repo.findRun(id);
    if (run === null) throw Problem.of(JobsErrorCode.JobRunNotFound, 'No such job run');
    throwUnlessCan(ctx.ability, 'read', asSubject('Job', { name: run.jobName }));
    return run;
  }

  /** Queues a run now; the access-log event and the queued run commit together or not at all. */
  async startNow(ctx: StaffContext, name: string): Promise<StartedJobDto> {
    const job = this.runner.find(name);
    if (job === undefined) throw jobNotFound();
    throwUnlessCan(ctx.ability, 'run', asSubject('Job', { name }));
    if (!this.runner.isRunning) {
      throw Problem.of(JobsErrorCode.JobsUnavailable, 'The job queue is not running');
    }
    const queuedJobId = await this.repo.transaction(async (manager) => {
      const id = await this.runner.enqueue(name, { trigger: 'manual', startedBy: ctx.id }, manager);
      if (id === null) {
        throw Problem.of(JobsErrorCode.JobAlreadyQueued, 'A run of this job is already waiting to start');
      }
      await this.audit.record(
        { action: 'create', resource: 'job-run', outcome: 'success', detail: { job: name, queuedJobId: id } },
        ctx.origin,
        manager,
      );
      return id;
    });
    this.runner.wake(name);
    return { job: name, queuedJobId };
  }

  private toDto(
    job: RegisteredJob,
    last: JobRunRow | undefined,
    states: Map<string, { waiting: number; active: number }>,
  ): JobDto {
    const { definition, schedule, singleton } = job;
    const state = states.get(definition.name) ?? { waiting: 0, active: 0 };
    return {
      id: definition.name,
      name: definition.name,
      cron: schedule?.expression ?? null,
      timeZone: schedule?.timeZone ?? null,
      singleton,
      timeoutMinutes: definition.timeoutMinutes ?? DEFAULT_TIMEOUT_MINUTES,
      waiting: state.waiting,
      active: state.active,
      nextRunAt: schedule?.nextAfter(this.clock.now()).toISOString() ?? null,
      lastRun:
        last === undefined
          ? null
          : {
              id: last.id,
              startedAt: last.startedAt,
              finishedAt: last.finishedAt,
              outcome: last.outcome,
              trigger: last.trigger,
            },
    };
  }
}

function jobNotFound(): Problem {
  return Problem.of(JobsErrorCode.JobNotFound, 'No such job');
}
