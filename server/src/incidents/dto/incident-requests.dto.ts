import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsPaddedBase64, IsVersion, NoControlCharacters, trim } from '../../common/text-validators';
import { DATA_CATEGORIES, type DataCategory } from '../../registers/register-types';
import {
  EU_RISKS,
  INCIDENT_PHASES,
  INCIDENT_REGIMES,
  INCIDENT_STATUSES,
  INCIDENT_VECTORS,
  RISK_LEVELS,
  type EuRisk,
  type IncidentPhase,
  type IncidentRegime,
  type IncidentStatus,
  type IncidentVector,
  type RiskLevel,
} from '../incident-types';

export const INCIDENT_SORT_FIELDS = ['awareAt', 'nearestDueAt', 'reference', 'detectedAt'] as const;
export type IncidentSortField = (typeof INCIDENT_SORT_FIELDS)[number];

/** An instant: ISO 8601 with Z or an offset (a bare local time would be read in the server's zone). */
const IsInstant = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'An ISO 8601 date-time with Z or an offset' }),
  );

const IsFreeText = (min: number, max: number) =>
  applyDecorators(Transform(trim), IsString(), Length(min, max), NoControlCharacters());

/**
 * A count of people: any finite JSON number here, so that a negative, fractional or absurd one
 * gets the rule's own code (AFFECTED_COUNT_INVALID) from the service rather than a generic one.
 */
const IsCount = () => IsNumber({ allowNaN: false, allowInfinity: false });

const Nullable = () => ValidateIf((_o, v) => v !== null);

export class IncidentFilterDto {
  @IsOptional() @IsIn([...INCIDENT_STATUSES]) status?: IncidentStatus;
  /** On the reference or the title. */
  @IsOptional() @IsFreeText(1, 200) q?: string;
  /** Not closed. */
  @IsOptional() @IsBoolean() open?: boolean;
}

export class AnomalyDto {
  @ApiProperty({ example: '2026-10', description: 'The reviewed month' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'A month looks like 2026-10' })
  month!: string;

  @ApiProperty({ format: 'uuid', description: 'The staff member whose access was anomalous' })
  @IsUUID('all')
  actorId!: string;
}

/** The facts both creating and correcting an incident take. */
class IncidentFactsDto {
  @ApiPropertyOptional({ maxLength: 4000, description: 'What happened; names no person' })
  @IsOptional()
  @Nullable()
  @IsFreeText(1, 4000)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Systems involved, by name' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @NoControlCharacters({ each: true })
  systems?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Processors from F4's register" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  processorIds?: string[];

  @ApiPropertyOptional({ enum: DATA_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn([...DATA_CATEGORIES], { each: true })
  dataCategories?: DataCategory[];

  @ApiPropertyOptional({ enum: INCIDENT_REGIMES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(INCIDENT_REGIMES.length)
  @IsIn([...INCIDENT_REGIMES], { each: true })
  regimes?: IncidentRegime[];

  @ApiPropertyOptional({ nullable: true, description: 'Confirmed count of people (0–100,000,000)' })
  @IsOptional()
  @Nullable()
  @IsCount()
  affectedConfirmed?: number | null;

  @ApiPropertyOptional({ nullable: true, description: 'HIPAA: residents of the most affected state' })
  @IsOptional()
  @Nullable()
  @IsCount()
  usLargestStateCount?: number | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() sensitiveData?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() uniqueIdentifiers?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() dataEncrypted?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  ownerId?: string | null;
}

export class CreateIncidentDto extends IncidentFactsDto {
  @ApiProperty({ minLength: 3, maxLength: 200 })
  @IsFreeText(3, 200)
  title!: string;

  @ApiProperty({ description: 'When it was detected (ISO 8601 with an offset)' })
  @IsInstant()
  detectedAt!: string;

  @ApiProperty({ description: 'When the organisation became aware: every clock counts from here' })
  @IsInstant()
  awareAt!: string;

  @ApiProperty({ minLength: 2, maxLength: 200 })
  @IsFreeText(2, 200)
  reporter!: string;

  @ApiProperty({ enum: INCIDENT_VECTORS })
  @IsIn([...INCIDENT_VECTORS])
  vector!: IncidentVector;

  @ApiProperty({ description: 'Estimated count of people (0–100,000,000)' })
  @IsCount()
  affectedEstimated!: number;

  @ApiProperty({ enum: RISK_LEVELS })
  @IsIn([...RISK_LEVELS])
  riskLevel!: RiskLevel;

  @ApiPropertyOptional({ format: 'uuid', description: 'A checklist template to turn into tasks' })
  @IsOptional()
  @IsUUID('all')
  templateId?: string;

  @ApiPropertyOptional({ type: AnomalyDto, description: 'The access-review anomaly this incident comes from' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnomalyDto)
  anomaly?: AnomalyDto;
}

export class UpdateIncidentDto extends IncidentFactsDto {
  @ApiPropertyOptional() @IsOptional() @IsFreeText(3, 200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() detectedAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsInstant() awareAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsFreeText(2, 200) reporter?: string;
  @ApiPropertyOptional({ enum: INCIDENT_VECTORS }) @IsOptional() @IsIn([...INCIDENT_VECTORS]) vector?: IncidentVector;
  @ApiPropertyOptional() @IsOptional() @IsCount() affectedEstimated?: number;
  @ApiPropertyOptional({ enum: RISK_LEVELS }) @IsOptional() @IsIn([...RISK_LEVELS]) riskLevel?: RiskLevel;
  @IsVersion() version!: number;
}

export class AssessmentDto {
  @ApiProperty({ enum: EU_RISKS, description: "GDPR Art. 33/34: the risk to people's rights and freedoms" })
  @IsIn([...EU_RISKS])
  euRisk!: EuRisk;

  @ApiProperty({ minLength: 3, maxLength: 4000 })
  @IsFreeText(3, 4000)
  reasons!: string;
}

export class ObligationDoneDto {
  @ApiPropertyOptional({ description: 'When it was sent (default now)' })
  @IsOptional()
  @IsInstant()
  doneAt?: string;

  @ApiPropertyOptional({ description: 'Required when done after the deadline (reasons for the delay)' })
  @IsOptional()
  @IsFreeText(3, 4000)
  lateReason?: string;

  @ApiPropertyOptional({ description: "The regulator's receipt number" })
  @IsOptional()
  @IsFreeText(1, 200)
  externalReference?: string;
}

export class NotRequiredDto {
  @ApiProperty({ minLength: 3, maxLength: 4000 })
  @IsFreeText(3, 4000)
  reasons!: string;
}

export class StatusDto {
  @ApiProperty({ enum: ['open', 'investigating', 'contained', 'recovered'], description: 'Closing has its own route' })
  @IsIn(['open', 'investigating', 'contained', 'recovered'])
  status!: Exclude<IncidentStatus, 'closed'>;

  @IsVersion() version!: number;
}

/** Optional here so that the service answers CLOSE_REVIEW_REQUIRED naming every missing field at once. */
export class CloseIncidentDto {
  @ApiProperty({ description: 'Post-incident review (NIST SP 800-61)' })
  @IsOptional()
  @IsFreeText(0, 8000)
  lessonsLearned?: string;

  @ApiProperty({ description: 'GDPR Art. 33(5): the facts of the breach' })
  @IsOptional()
  @IsFreeText(0, 8000)
  registerFacts?: string;

  @ApiProperty({ description: 'GDPR Art. 33(5): its effects' })
  @IsOptional()
  @IsFreeText(0, 8000)
  registerEffects?: string;

  @ApiProperty({ description: 'GDPR Art. 33(5): the remedial action taken' })
  @IsOptional()
  @IsFreeText(0, 8000)
  registerRemedialAction?: string;

  @IsVersion() version!: number;
}

export class CreateTaskDto {
  @ApiProperty({ enum: INCIDENT_PHASES })
  @IsIn([...INCIDENT_PHASES])
  phase!: IncidentPhase;

  @ApiProperty({ minLength: 3, maxLength: 200 })
  @IsFreeText(3, 200)
  title!: string;

  @ApiPropertyOptional({ maxLength: 4000 })
  @IsOptional()
  @IsFreeText(1, 4000)
  description?: string;

  @ApiPropertyOptional() @IsOptional() @IsInstant() dueAt?: string;

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') assigneeId?: string;
}

export class UpdateIncidentTaskDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @Nullable()
  @IsUUID('all')
  assigneeId?: string | null;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @Nullable() @IsInstant() dueAt?: string | null;

  @ApiPropertyOptional({ nullable: true, maxLength: 8000 })
  @IsOptional()
  @Nullable()
  @IsFreeText(1, 8000)
  note?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsBoolean() completed?: boolean;

  @IsVersion() version!: number;
}

export class EvidenceDto {
  @ApiProperty({ maxLength: 255 })
  @IsFreeText(1, 255)
  @Matches(/^[^/\\]+$/, { message: 'A file name without a path' })
  fileName!: string;

  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/i, { message: 'A media type like text/plain' })
  @Length(3, 200)
  mediaType!: string;

  @ApiProperty({ description: 'The file, base64 (at most 5 MB decoded)' })
  @IsString()
  @IsPaddedBase64()
  contentBase64!: string;
}

export class TimelineNoteDto {
  @ApiProperty({ maxLength: 4000 })
  @IsFreeText(1, 4000)
  note!: string;
}

export class TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') taskId!: string;
}

export class EvidenceParams extends TaskParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') evidenceId!: string;
}

export class ObligationParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ example: 'kr_regulator' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,60}$/, { message: 'An obligation code like kr_regulator' })
  code!: string;
}

export class TimelineEntryParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty() @IsString() @Matches(/^\d{1,18}$/, { message: 'A timeline entry id' }) entryId!: string;
}
