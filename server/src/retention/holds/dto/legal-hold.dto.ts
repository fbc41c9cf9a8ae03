import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { IsVersion, NoControlCharacters, trim } from '../../../common/text-validators';
import { IsDateOnly } from '../../../registers/dto/register-validators';
import { LEGAL_HOLD_SOURCES, RECORD_CATEGORY_CODES, type LegalHoldSource } from '../../retention-types';

export const LEGAL_HOLD_STATUSES = ['active', 'released'] as const;
export type LegalHoldStatus = (typeof LEGAL_HOLD_STATUSES)[number];

export const LEGAL_HOLD_SORT_FIELDS = ['reference', 'reviewOn', 'createdAt'] as const;
export type LegalHoldSortField = (typeof LEGAL_HOLD_SORT_FIELDS)[number];

const IsHoldText = (min: number, max: number) =>
  applyDecorators(Transform(trim), IsString(), Length(min, max), NoControlCharacters());

const IsCategories = () =>
  applyDecorators(
    ApiPropertyOptional({
      enum: RECORD_CATEGORY_CODES,
      isArray: true,
      description: 'Record categories held for everyone',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(RECORD_CATEGORY_CODES.length),
    ArrayUnique(),
    IsIn(RECORD_CATEGORY_CODES, { each: true }),
  );

const IsSubjectIds = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], format: 'uuid', description: 'The people held' }),
    IsArray(),
    ArrayMaxSize(500),
    ArrayUnique(),
    IsUUID('all', { each: true }),
  );

export class LegalHoldFilterDto {
  @IsOptional() @IsIn(LEGAL_HOLD_STATUSES) status?: LegalHoldStatus;
  @IsOptional() @IsIn(LEGAL_HOLD_SOURCES) source?: LegalHoldSource;
  @IsOptional() @IsUUID('all') ownerId?: string;
  /** Active with its review date today or past. */
  @IsOptional() @IsBoolean() reviewDue?: boolean;
}

export class CreateLegalHoldDto {
  @ApiProperty({ enum: LEGAL_HOLD_SOURCES })
  @IsIn(LEGAL_HOLD_SOURCES)
  source!: LegalHoldSource;

  @ApiPropertyOptional({ format: 'uuid', description: "Required when the source is 'incident'" })
  @IsOptional()
  @IsUUID('all')
  incidentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Required when the source is 'rights_request'" })
  @IsOptional()
  @IsUUID('all')
  rightsRequestId?: string;

  @ApiPropertyOptional({ description: "The case number or authority's reference", maxLength: 200 })
  @IsOptional()
  @IsHoldText(1, 200)
  sourceReference?: string;

  @ApiProperty({ description: 'Why the data must be kept', minLength: 3, maxLength: 2000 })
  @IsHoldText(3, 2000)
  reason!: string;

  @ApiProperty({ format: 'uuid', description: 'The staff member who reviews the hold' })
  @IsUUID('all')
  ownerId!: string;

  @ApiProperty({ description: 'The date the hold is reviewed (today or later)', example: '2027-03-31' })
  @IsDateOnly()
  reviewOn!: string;

  @IsCategories() categories?: string[];

  @IsOptional()
  @IsSubjectIds()
  subjectIds?: string[];
}

export class UpdateLegalHoldDto {
  @IsVersion() version!: number;

  @ApiPropertyOptional({ minLength: 3, maxLength: 2000 })
  @IsOptional()
  @IsHoldText(3, 2000)
  reason?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  ownerId?: string;

  @ApiPropertyOptional({ example: '2027-03-31' })
  @IsOptional()
  @IsDateOnly()
  reviewOn?: string;

  @IsCategories() categories?: string[];
}

export class AddHoldSubjectsDto {
  @ArrayMinSize(1)
  @IsSubjectIds()
  subjectIds!: string[];
}

export class HoldSubjectParam {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') subjectId!: string;
}

export class ReleaseLegalHoldDto {
  @ApiProperty({ description: 'Why the hold ends', minLength: 3, maxLength: 2000 })
  @IsHoldText(3, 2000)
  reason!: string;
}
