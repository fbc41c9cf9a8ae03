import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { NoControlCharacters, trim } from '../../common/text-validators';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CHANNELS,
  COMPLAINT_SEVERITIES,
  COMPLAINT_STATUSES,
  ESCALATION_BODIES,
  type ComplaintCategory,
  type ComplaintChannel,
  type ComplaintSeverity,
  type ComplaintStatus,
  type EscalationBody,
} from '../complaint-types';

export const COMPLAINT_SORT_FIELDS = ['receivedAt', 'targetOn', 'reference', 'severity'] as const;
export type ComplaintSortField = (typeof COMPLAINT_SORT_FIELDS)[number];

const ISO_WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** An instant: ISO 8601 with Z or an offset (a bare local time would be read in the server's zone). */
const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(ISO_WITH_OFFSET, { message: 'An ISO 8601 date-time with Z or an offset' }),
  );

/** Free text that may name people: trimmed, bounded, no control characters. */
const IsFreeText = (min: number, max: number) =>
  applyDecorators(Transform(trim), IsString(), Length(min, max), NoControlCharacters());

export class ComplaintFilterDto {
  @IsOptional() @IsIn([...COMPLAINT_STATUSES]) status?: ComplaintStatus;
  @IsOptional() @IsIn([...COMPLAINT_SEVERITIES]) severity?: ComplaintSeverity;
  @IsOptional() @IsIn([...COMPLAINT_CATEGORIES]) category?: ComplaintCategory;
  @IsOptional() @IsUUID('all') assigneeId?: string;
  @IsOptional() @IsUUID('all') subjectId?: string;
  /** Still open past its target date. */
  @IsOptional() @IsBoolean() overdue?: boolean;
}

export class CreateComplaintDto {
  @ApiPropertyOptional({ description: 'When the complaint was received (ISO 8601 with an offset); default now' })
  @IsOptional()
  @IsInstant()
  receivedAt?: string;

  @ApiProperty({ enum: COMPLAINT_CHANNELS })
  @IsIn([...COMPLAINT_CHANNELS])
  channel!: ComplaintChannel;

  @ApiProperty({ enum: COMPLAINT_CATEGORIES })
  @IsIn([...COMPLAINT_CATEGORIES])
  category!: ComplaintCategory;

  @ApiProperty({ enum: COMPLAINT_SEVERITIES })
  @IsIn([...COMPLAINT_SEVERITIES])
  severity!: ComplaintSeverity;

  @ApiProperty({ description: 'What the complainant says; shown to the DPO only, never logged', maxLength: 4000 })
  @IsFreeText(3, 4000)
  summary!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The person the complaint is from or about' })
  @IsOptional()
  @IsUUID('all')
  subjectId?: string | null;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  rightsRequestId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: 'The incident the complaint is about' })
  @IsOptional()
  @IsUUID('all')
  incidentId?: string | null;
}

/** The DPO's corrections to the intake, and moving the work on (investigating, closed). */
export class UpdateComplaintDto {
  @ApiPropertyOptional({ enum: COMPLAINT_CATEGORIES })
  @IsOptional()
  @IsIn([...COMPLAINT_CATEGORIES])
  category?: ComplaintCategory;

  @ApiPropertyOptional({ enum: COMPLAINT_SEVERITIES })
  @IsOptional()
  @IsIn([...COMPLAINT_SEVERITIES])
  severity?: ComplaintSeverity;

  @ApiPropertyOptional({
    enum: ['open', 'investigating', 'closed'],
    description: 'Resolving and escalating have their own routes, with their own fields',
  })
  @IsOptional()
  @IsIn(['open', 'investigating', 'closed'])
  status?: 'open' | 'investigating' | 'closed';

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all')
  subjectId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all')
  rightsRequestId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all')
  incidentId?: string | null;
}

export class AssignComplaintDto {
  @ApiProperty({ format: 'uuid', nullable: true, description: 'An active DPO, or null to unassign' })
  @ValidateIf((_o, v) => v !== null)
  @IsUUID('all')
  assigneeId!: string | null;
}

export class ResolveComplaintDto {
  @ApiProperty({ description: 'What was done and answered; required to resolve', maxLength: 4000 })
  @IsOptional()
  @IsFreeText(3, 4000)
  resolution?: string;
}

export class EscalateComplaintDto {
  @ApiProperty({ enum: ESCALATION_BODIES })
  @IsIn([...ESCALATION_BODIES])
  body!: EscalationBody;

  @ApiPropertyOptional({ description: 'Which EU supervisory authority (required for eu_supervisory_authority)' })
  @ValidateIf((o: EscalateComplaintDto) => o.body === 'eu_supervisory_authority' || o.authority !== undefined)
  @IsFreeText(2, 200)
  authority?: string;

  @ApiPropertyOptional({ description: 'When it was taken to the body (ISO 8601 with an offset); default now' })
  @IsOptional()
  @IsInstant()
  escalatedAt?: string;

  @ApiPropertyOptional({ description: "The body's own case number" })
  @IsOptional()
  @IsFreeText(1, 100)
  reference?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsFreeText(1, 2000)
  note?: string;
}

export class SummaryQueryDto {
  @ApiProperty({ example: '2026-10', description: 'The month (YYYY-MM) in the organisation time zone' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month looks like 2026-10' })
  month!: string;
}
