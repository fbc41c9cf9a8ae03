import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsVersion, NoControlCharacters, trim } from '../../../common/text-validators';
import { IsLocalizedText, LocalizedTextDto } from '../../../registers/dto/register-validators';
import { RECORD_CATEGORY_CODES, RETENTION_ACTIONS, RETENTION_TRIGGERS } from '../../retention-types';
import type { RetentionAction, RetentionTrigger } from '../../retention-types';

export const RETENTION_RULE_SORT_FIELDS = ['code', 'category', 'updatedAt'] as const;
export type RetentionRuleSortField = (typeof RETENTION_RULE_SORT_FIELDS)[number];

/** Why the rule changed: kept in its versions, shown in its history. */
const IsRuleReason = () =>
  applyDecorators(
    ApiProperty({ description: 'Why; kept in the rule history', minLength: 1, maxLength: 1000 }),
    Transform(trim),
    IsString(),
    Length(1, 1000),
    NoControlCharacters(),
  );

export class RetentionRuleFilterDto {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
  @IsOptional() @IsIn(RECORD_CATEGORY_CODES) category?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
}

/**
 * The fields of a rule. Shapes are checked here; `name` and `retention` (objects) and what the
 * category allows are checked by the service, which names the exact field that is wrong.
 */
export class RetentionRuleFieldsDto {
  @IsLocalizedText() name?: LocalizedTextDto;

  @ApiPropertyOptional({
    description: 'Retention, as the registers write it: {kind, period, after, law, text}',
    type: Object,
  })
  @IsOptional()
  @IsObject()
  retention?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The law or policy the rule comes from', maxLength: 300 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 300)
  @NoControlCharacters()
  source?: string;

  @ApiPropertyOptional({ enum: RECORD_CATEGORY_CODES, nullable: true, description: 'null: listed, never scanned' })
  @IsOptional()
  @IsString()
  category?: string | null;

  @ApiPropertyOptional({ enum: RETENTION_TRIGGERS, nullable: true })
  @IsOptional()
  @IsIn(RETENTION_TRIGGERS)
  trigger?: RetentionTrigger | null;

  @ApiPropertyOptional({ enum: RETENTION_ACTIONS, nullable: true })
  @IsOptional()
  @IsIn(RETENTION_ACTIONS)
  action?: RetentionAction | null;

  @ApiPropertyOptional({
    description: "Only for 'separate': how long before the person is told, e.g. P30D",
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  noticePeriod?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateRetentionRuleDto extends RetentionRuleFieldsDto {
  @ApiProperty({ pattern: '^[a-z0-9_]{2,60}$' })
  @IsString()
  @Matches(/^[a-z0-9_]{2,60}$/)
  code!: string;

  @IsRuleReason() reason!: string;
}

export class UpdateRetentionRuleDto extends RetentionRuleFieldsDto {
  @IsVersion() version!: number;
  @IsRuleReason() reason!: string;
}

export class RetentionRuleExportQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx', 'json'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx', 'json'])
  format?: 'csv' | 'xlsx' | 'json';
}
