import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { JOB_NAME, type JobTrigger } from '../job-definition';
import type { JobRunSortField } from '../jobs.repository';

/** `:name` of a job route. */
export class JobNameParam {
  @ApiProperty({ pattern: JOB_NAME.source })
  @Matches(JOB_NAME, { message: 'A job name (kebab-case)' })
  name!: string;
}

export const JOB_RUN_SORT_FIELDS: readonly JobRunSortField[] = ['startedAt', 'jobName', 'outcome'];

export class JobRunFilterDto {
  @ApiPropertyOptional()
  @IsOptional()
  @Matches(JOB_NAME, { message: 'A job name (kebab-case)' })
  jobName?: string;

  @ApiPropertyOptional({ enum: ['running', 'succeeded', 'failed'] })
  @IsOptional()
  @IsIn(['running', 'succeeded', 'failed'])
  outcome?: 'running' | 'succeeded' | 'failed';

  @ApiPropertyOptional({ enum: ['schedule', 'manual', 'event'] })
  @IsOptional()
  @IsIn(['schedule', 'manual', 'event'])
  trigger?: JobTrigger;
}

/** A registered job as the Jobs screen lists it. */
export interface JobDto {
  id: string;
  name: string;
  cron: string | null;
  timeZone: string | null;
  singleton: boolean;
  timeoutMinutes: number;
  /** Runs waiting to start, and running now (across all instances). */
  waiting: number;
  active: number;
  nextRunAt: string | null;
  lastRun: {
    id: string;
    startedAt: string;
    finishedAt: string | null;
    outcome: string;
    trigger: string;
  } | null;
}

/** What starting a job now answers. */
export interface StartedJobDto {
  job: string;
  queuedJobId: string;
}
