import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import {
  ART9_CONDITIONS,
  DATA_CATEGORIES,
  LEGAL_BASES,
  ROW_STATUSES,
  SUBJECT_CATEGORIES,
  type Art9Condition,
  type DataCategory,
  type LegalBasis,
  type RowStatus,
  type SubjectCategory,
} from '../register-types';
import { IsLocalizedText, IsPosition, IsReason, IsText, IsVersion, LocalizedTextDto } from './register-validators';

export class ActivityBodyDto {
  @IsPosition() position?: number;
  @IsLocalizedText() section?: LocalizedTextDto;
  @IsLocalizedText() name?: LocalizedTextDto;
  @IsLocalizedText() purpose?: LocalizedTextDto;
  @IsLocalizedText() items?: LocalizedTextDto;

  @ApiProperty({ enum: LEGAL_BASES })
  @IsOptional()
  @IsIn(LEGAL_BASES)
  legalBasis?: LegalBasis;

  @ApiPropertyOptional({ enum: ART9_CONDITIONS, nullable: true })
  @IsOptional()
  @IsIn(ART9_CONDITIONS)
  art9Condition?: Art9Condition | null;

  @ApiProperty({ enum: SUBJECT_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SUBJECT_CATEGORIES.length)
  @IsIn(SUBJECT_CATEGORIES, { each: true })
  subjectCategories?: SubjectCategory[];

  @ApiProperty({ enum: DATA_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn(DATA_CATEGORIES, { each: true })
  dataCategories?: DataCategory[];

  @ApiPropertyOptional({ description: 'Retention (API.md)', type: Object })
  @IsOptional()
  @IsObject()
  retention?: Record<string, unknown>;

  @IsLocalizedText() securityMeasures?: LocalizedTextDto;

  @ApiProperty({ maxLength: 300 }) @IsOptional() @IsText(300) controllerContact?: string;
  @ApiProperty({ maxLength: 300 }) @IsOptional() @IsText(300) dpoContact?: string;

  @ApiPropertyOptional({ enum: ROW_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(ROW_STATUSES)
  status?: RowStatus;
}

const IdList = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid' }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(200),
    IsUUID('all', { each: true }),
  );

export class ActivityInputDto extends ActivityBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') policyId?: string;
  @IdList() processorIds?: string[];
  @IdList() provisionIds?: string[];
  @IdList() transferIds?: string[];
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID('all') retentionRuleId?: string | null;
}

export class CreateActivityDto extends ActivityInputDto {
  @IsReason() reason!: string;
}

export class UpdateActivityDto extends CreateActivityDto {
  @IsVersion() version!: number;
}

const KeyList = () =>
  applyDecorators(IsOptional(), IsArray(), ArrayMaxSize(200), IsString({ each: true }), MaxLength(60, { each: true }));

export class ImportActivityDto extends ActivityBodyDto {
  @KeyList() processorKeys?: string[];
  @KeyList() provisionKeys?: string[];
  @KeyList() transferKeys?: string[];
  @IsOptional() @IsString() @Matches(/^[a-z0-9_]{2,60}$/) retentionRuleCode?: string;
}

export class ActivityFilterDto {
  @IsOptional() @IsUUID('all') policyId?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(ROW_STATUSES) status?: RowStatus;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
