import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  registerDecorator,
} from 'class-validator';
import { IsReason, IsVersion, NoControlCharacters, trim } from '../../common/text-validators';
import { CHANNELS, LANGUAGES, TEMPLATE_KINDS, type Channel, type Language, type TemplateKind } from '../outbox-types';

/**
 * Merge data: a JSON object of at most 20,000 characters, without NUL (which PostgreSQL's jsonb
 * cannot hold: it would fail the write, not the request).
 */
const IsMergeData = (): PropertyDecorator => (target: object, propertyName: string | symbol) =>
  registerDecorator({
    name: 'MERGE_DATA',
    target: target.constructor,
    propertyName: propertyName as string,
    options: { message: 'A JSON object of at most 20,000 characters, without NUL characters' },
    validator: {
      validate: (value: unknown) => {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
        const json = JSON.stringify(value);
        return json.length <= 20_000 && !json.includes('\\u0000');
      },
    },
  });

const IsTemplateText = (max: number) =>
  applyDecorators(ApiProperty({ minLength: 1, maxLength: max }), IsString(), Length(1, max), NoControlCharacters());

/** What the DPO edits in a template; every save is a new version with a reason. */
export class UpdateTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  description!: string;

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'What the template is for, in Korean' })
  @Transform(trim)
  @IsString()
  @Length(1, 500)
  descriptionKo!: string;

  @IsTemplateText(300) subjectKo!: string;
  @IsTemplateText(300) subjectEn!: string;
  @IsTemplateText(20000) bodyKo!: string;
  @IsTemplateText(20000) bodyEn!: string;

  @ApiProperty({ description: 'Delete the content of a sent message and keep only its metadata' })
  @IsBoolean()
  deleteContentAfterSend!: boolean;

  @ApiProperty({ description: 'Made-up merge data for the preview (never a real person)' })
  @IsMergeData()
  sampleData!: Record<string, unknown>;

  @IsReason() reason!: string;
  @IsVersion() version!: number;
}

/** A preview: the saved template, or the text being edited, with sample or given data. */
export class PreviewTemplateDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiPropertyOptional({ description: 'Merge data; the template’s sample data when absent' })
  @IsOptional()
  @IsMergeData()
  data?: Record<string, unknown>;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) subjectKo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 300) subjectEn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20000) bodyKo?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 20000) bodyEn?: string;
}

/** A document rendered from a template with real merge data. */
export class RenderDocumentDto {
  @ApiProperty({ example: 'retention.destruction-certificate' })
  @IsString()
  @Length(2, 64)
  templateKey!: string;

  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;

  @ApiProperty()
  @IsMergeData()
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'Why this document is made; kept in the access log', minLength: 3, maxLength: 500 })
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  @NoControlCharacters()
  purpose!: string;
}

export class TestSendDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  language!: Language;
}

export class TemplateFilterDto {
  @ApiPropertyOptional({ enum: TEMPLATE_KINDS }) @IsOptional() @IsIn(TEMPLATE_KINDS) kind?: TemplateKind;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  id?: string[];
}

export const TEMPLATE_SORT_FIELDS = ['key', 'channel', 'kind', 'updatedAt'] as const;
