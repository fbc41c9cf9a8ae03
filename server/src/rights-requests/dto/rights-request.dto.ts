import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NoControlCharacters, trim } from '../../common/text-validators';
import { ERASURE_CATEGORIES, type ErasureCategory } from '../../subjects/fulfilment/subject-fulfilment.service';
import { IsDateOnly } from '../../registers/dto/register-validators';
import { REGIMES, type Regime } from '../deadlines/request-deadlines';
import {
  ACCESS_ITEMS,
  REFUSAL_REASONS,
  REQUEST_CHANNELS,
  REQUEST_RELATIONS,
  REQUEST_STATUSES,
  REQUEST_TYPES,
  type AccessItem,
  type RefusalReason,
  type RequestChannel,
  type RequestRelation,
  type RequestStatus,
  type RequestType,
} from '../rights-request-types';

export const REQUEST_SORT_FIELDS = ['dueOn', 'receivedAt', 'reference'] as const;

/** A free text the requester or staff wrote: trimmed, no control characters. */
const Text = (min: number, max: number) =>
  applyDecorators(Transform(trim), IsString(), Length(min, max), NoControlCharacters());

export class RequestDetailsDto {
  @ApiPropertyOptional({
    enum: ACCESS_ITEMS,
    isArray: true,
    description: 'access: the Decree Art. 41(1) items asked for',
  })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCESS_ITEMS, { each: true })
  items?: AccessItem[];

  @ApiPropertyOptional({ description: 'erasure: the categories asked for (ERASURE_CATEGORIES)', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(2, 40, { each: true })
  categories?: string[];

  @ApiPropertyOptional({ description: 'erasure: "delete my sensitive data at once" (Shelby Art. 3)' })
  @IsOptional()
  @IsBoolean()
  sensitiveOnly?: boolean;

  @ApiPropertyOptional({ description: 'consent_withdrawal: the purposes withdrawn', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(2, 60, { each: true })
  purposes?: string[];

  @ApiPropertyOptional({ description: 'rectification: the field to correct' })
  @IsOptional()
  @Text(1, 60)
  field?: string;

  @ApiPropertyOptional({ description: 'rectification: why the value is wrong' })
  @IsOptional()
  @Text(3, 1000)
  reason?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Text(1, 2000)
  note?: string;
}

export class CreateRightsRequestDto {
  @ApiProperty({ format: 'uuid', description: 'Whose data the request is about' })
  @IsUUID('all')
  subjectId!: string;

  @ApiProperty({ enum: REQUEST_TYPES })
  @IsIn(REQUEST_TYPES)
  type!: RequestType;

  @ApiProperty({ enum: REQUEST_CHANNELS })
  @IsIn(REQUEST_CHANNELS)
  channel!: RequestChannel;

  @ApiProperty({ enum: REQUEST_RELATIONS })
  @IsIn(REQUEST_RELATIONS)
  relation!: RequestRelation;

  @ApiPropertyOptional({ format: 'uuid', description: 'legal_representative: the guardian asking (required then)' })
  @ValidateIf(
    (o: CreateRightsRequestDto) => o.relation === 'legal_representative' || o.requesterSubjectId !== undefined,
  )
  @IsUUID('all')
  requesterSubjectId?: string;

  @ApiPropertyOptional({
    description: 'agent: the power-of-attorney reference (required then); family register for a guardian',
  })
  @ValidateIf((o: CreateRightsRequestDto) => o.relation === 'agent' || o.representationEvidence !== undefined)
  @Text(3, 300)
  representationEvidence?: string;

  @ApiPropertyOptional({ enum: REGIMES, isArray: true, description: 'Default: KR-PIPA' })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @IsIn(REGIMES, { each: true })
  regimes?: Regime[];

  @ApiPropertyOptional({ enum: ['ko', 'en'], description: "Default: the person's language" })
  @IsOptional()
  @IsIn(['ko', 'en'])
  locale?: 'ko' | 'en';

  @ApiPropertyOptional({ type: RequestDetailsDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RequestDetailsDto)
  details?: RequestDetailsDto;

  @ApiPropertyOptional({ format: 'uuid', description: "DPO only; support's requests are assigned to themselves" })
  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'When the request reached the organisation (a letter or call taken in later): not in the future, at most a year ago; default now. The clocks run from it.',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;
}

export class RightsRequestFilterDto {
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @IsOptional()
  @IsIn(REQUEST_TYPES)
  type?: RequestType;

  @IsOptional()
  @IsUUID('all')
  assigneeId?: string;

  @IsOptional()
  @IsUUID('all')
  subjectId?: string;

  @IsOptional()
  @IsIn(['today', 'overdue', 'at_risk', 'open'])
  due?: 'today' | 'overdue' | 'at_risk' | 'open';
}

export class VerifyRequestDto {
  @ApiProperty({
    format: 'uuid',
    description: 'A check recorded on the requester (the guardian for a legal representative), still valid',
  })
  @IsUUID('all')
  identityCheckId!: string;
}

export class ErasureDecisionDto {
  @ApiProperty({ enum: ERASURE_CATEGORIES })
  @IsIn(ERASURE_CATEGORIES)
  category!: ErasureCategory;

  @ApiProperty({ enum: ['erase', 'retain'] })
  @IsIn(['erase', 'retain'])
  action!: 'erase' | 'retain';

  @ApiPropertyOptional({ description: 'retain: the retention rule (statute) that holds it' })
  @ValidateIf((o: ErasureDecisionDto) => o.action === 'retain')
  @IsString()
  @Length(2, 60)
  retentionRuleCode?: string;
}

export class RedactionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  recordId!: string;

  @ApiProperty()
  @Text(3, 500)
  reason!: string;
}

export class ChangeDto {
  @ApiProperty()
  @Text(1, 60)
  field!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(500)
  @NoControlCharacters()
  value!: string;
}

/** What the preparer decided; which part is required depends on the request's type. */
export class PrepareDto {
  @ApiPropertyOptional({
    type: [ErasureDecisionDto],
    description: 'erasure, account_withdrawal: a decision per category',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ErasureDecisionDto)
  decisions?: ErasureDecisionDto[];

  @ApiPropertyOptional({ type: [RedactionDto], description: 'access, portability: third-party content redacted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => RedactionDto)
  redactions?: RedactionDto[];

  @ApiPropertyOptional({ type: ChangeDto, description: 'rectification: the field and its new value' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ChangeDto)
  change?: ChangeDto;

  @ApiPropertyOptional({ description: 'consent_withdrawal: the purposes to withdraw', isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(2, 60, { each: true })
  purposes?: string[];

  @ApiPropertyOptional({ description: 'restriction, objection: the decision and its grounds' })
  @IsOptional()
  @Text(3, 2000)
  note?: string;
}

export class RejectDto {
  @ApiProperty({ enum: REFUSAL_REASONS, description: 'A ground from the legal list (PIPA Art. 35(4), GDPR Art. 12)' })
  @IsIn(REFUSAL_REASONS)
  refusalReason!: RefusalReason;

  @ApiProperty({ description: 'Why, in words the requester reads' })
  @Text(10, 4000)
  refusalText!: string;

  @ApiProperty({ description: 'How to object or complain (PIPC, KISA 118, the supervisory authority)' })
  @Text(10, 4000)
  remedyText!: string;
}

export class CompleteDto {
  @ApiProperty({ enum: ['completed', 'partially_completed'] })
  @IsIn(['completed', 'partially_completed'])
  result!: 'completed' | 'partially_completed';

  @ApiPropertyOptional({ description: 'partially_completed: what was not granted and why (required then)' })
  @ValidateIf((o: CompleteDto) => o.result === 'partially_completed' || o.note !== undefined)
  @Text(10, 4000)
  note?: string;
}

export class ExtendDto {
  @ApiProperty({ enum: REGIMES })
  @IsIn(REGIMES)
  regime!: Regime;

  @ApiProperty({ description: 'The reasons told to the requester' })
  @Text(10, 2000)
  reasons!: string;

  @ApiPropertyOptional({
    description: 'The new due date (YYYY-MM-DD): required under HIPAA, else at most the regime’s bound',
  })
  @IsOptional()
  @IsDateOnly()
  until?: string;
}

export class AssignDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  assigneeId!: string;
}

export class TaskParams {
  @IsUUID('all')
  id!: string;

  @IsUUID('all')
  taskId!: string;
}

export class DocumentParams {
  @IsUUID('all')
  id!: string;

  @IsUUID('all')
  documentId!: string;
}

export class UpdateTaskDto {
  @ApiProperty({ enum: ['done', 'excepted'] })
  @IsIn(['done', 'excepted'])
  status!: 'done' | 'excepted';

  @ApiPropertyOptional({ description: 'done: what the recipient confirmed (required then)' })
  @ValidateIf((o: UpdateTaskDto) => o.status === 'done' || o.evidence !== undefined)
  @Text(3, 2000)
  evidence?: string;

  @ApiPropertyOptional({ description: 'excepted: why no notice is needed (required then)' })
  @ValidateIf((o: UpdateTaskDto) => o.status === 'excepted' || o.exceptionReason !== undefined)
  @Text(10, 2000)
  exceptionReason?: string;
}
