import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { LANGS, LAYOUTS, POLICY_TABLES, type Lang, type Layout, type PolicyTable } from '../register-types';
import { ImportActivityDto } from './activity.dto';
import { PolicyBodyDto } from './policy.dto';
import { ImportProcessorDto } from './processor.dto';
import { ImportProvisionDto } from './provision.dto';
import { ImportTransferDto } from './transfer.dto';
import { IsReason } from './register-validators';

const AS_OF = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/;
const AsOfDescription = 'YYYY-MM-DD (end of that day in ORG_TIME_ZONE) or an ISO 8601 date-time';

export class AsOfQuery {
  @ApiPropertyOptional({ description: AsOfDescription })
  @IsOptional()
  @IsString()
  @Matches(AS_OF, { message: AsOfDescription })
  asOf?: string;
}

export class RenderQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: ['all', ...POLICY_TABLES], default: 'all' })
  @IsOptional()
  @IsIn(['all', ...POLICY_TABLES])
  table?: PolicyTable | 'all';

  @ApiPropertyOptional({ enum: LANGS, default: 'ko' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;

  @ApiPropertyOptional({ enum: ['markdown', 'html'], default: 'markdown' })
  @IsOptional()
  @IsIn(['markdown', 'html'])
  format?: 'markdown' | 'html';

  @ApiPropertyOptional({ enum: LAYOUTS, description: "Override the policy's layout" })
  @IsOptional()
  @IsIn(LAYOUTS)
  layout?: Layout;
}

export class DriftDto {
  @ApiProperty({
    description: 'The published policy, in Markdown or as plain text (a table: its headers, then one cell per line)',
    maxLength: 500_000,
  })
  @IsString()
  @MaxLength(500_000)
  markdown!: string;
}

export const ROW_EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type RowExportFormat = (typeof ROW_EXPORT_FORMATS)[number];
export const COMBINED_EXPORT_FORMATS = ['xlsx', 'json', 'markdown'] as const;
export type CombinedExportFormat = (typeof COMBINED_EXPORT_FORMATS)[number];

export class ExportQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: ROW_EXPORT_FORMATS, default: 'csv' })
  @IsOptional()
  @IsIn(ROW_EXPORT_FORMATS)
  format?: RowExportFormat;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  policyId?: string;
}

export class CombinedExportQuery extends AsOfQuery {
  @ApiPropertyOptional({ enum: COMBINED_EXPORT_FORMATS, default: 'xlsx' })
  @IsOptional()
  @IsIn(COMBINED_EXPORT_FORMATS)
  format?: CombinedExportFormat;

  @ApiPropertyOptional({ enum: LANGS, default: 'ko', description: 'Language of the Markdown document' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  policyId?: string;
}

export class AlertsQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID('all')
  policyId?: string;
}

export class ProfileParam {
  @ApiProperty({ example: 'maumjuui' })
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/)
  code!: string;
}

export class ImportProfileDto {
  @IsReason() reason!: string;
}

/** A whole policy with its registers; rows refer to each other by `key`. */
export class RegisterDocumentDto {
  @ApiProperty({ type: PolicyBodyDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PolicyBodyDto)
  policy!: PolicyBodyDto;

  // Rows are checked one by one inside the import transaction, so a bad one names itself.
  @ApiPropertyOptional({ type: [ImportProcessorDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  processors?: unknown[];
  @ApiPropertyOptional({ type: [ImportProvisionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  provisions?: unknown[];
  @ApiPropertyOptional({ type: [ImportTransferDto] }) @IsOptional() @IsArray() @ArrayMaxSize(500) transfers?: unknown[];
  @ApiPropertyOptional({ type: [ImportActivityDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  activities?: unknown[];
}

export class ImportDocumentDto {
  @IsReason() reason!: string;

  @ApiProperty({ type: RegisterDocumentDto })
  @IsObject()
  @ValidateNested()
  @Type(() => RegisterDocumentDto)
  document!: RegisterDocumentDto;
}
