import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { QUEUE_STATUSES, type QueueStatus } from '../../retention-types';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'A date looks like 2026-11-03';

export const QUEUE_SORT_FIELDS = ['dueOn'] as const;
export const RUN_SORT_FIELDS = ['startedAt'] as const;
export const CERTIFICATE_SORT_FIELDS = ['issuedAt'] as const;

export class QueueFilterDto {
  @IsOptional() @IsIn([...QUEUE_STATUSES]) status?: QueueStatus;
  @IsOptional() @IsUUID('all') ruleId?: string;
  @IsOptional() @Matches(DATE, { message: DATE_MESSAGE }) dueBy?: string;
}

export class RunFilterDto {
  @IsOptional() @IsIn(['running', 'completed', 'failed']) status?: 'running' | 'completed' | 'failed';
}

export class CertificateFilterDto {
  @IsOptional() @IsUUID('all') runId?: string;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({
    example: '2026-11-04',
    description: 'The day previewed (default: tomorrow, organisation time zone)',
  })
  @IsOptional()
  @Matches(DATE, { message: DATE_MESSAGE })
  on?: string;
}

export class CertificatePdfQueryDto {
  @ApiPropertyOptional({ enum: ['ko', 'en'], default: 'ko' })
  @IsOptional()
  @IsIn(['ko', 'en'])
  locale?: 'ko' | 'en';
}
