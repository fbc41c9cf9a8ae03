import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsVersion, NoControlCharacters, trim } from '../../../common/text-validators';
import { INCIDENT_VECTORS, TASK_KEY, type IncidentVector } from '../template-types';

export const TEMPLATE_SORT_FIELDS = ['key', 'name', 'updatedAt'] as const;

const IsText = (min: number, max: number) =>
  applyDecorators(Transform(trim), IsString(), Length(min, max), NoControlCharacters());

export class BilingualNameDto {
  @ApiProperty() @IsText(2, 200) ko!: string;
  @ApiProperty() @IsText(2, 200) en!: string;
}

export class BilingualDescriptionDto {
  @ApiProperty() @IsText(1, 2000) ko!: string;
  @ApiProperty() @IsText(1, 2000) en!: string;
}

const TASKS_DOC = {
  description:
    'The tasks: [{ key, phase, title: {ko,en}, description?: {ko,en}, dueOffsetHours (0–8760), dependsOn: [key], ' +
    "role?: 'security'|'dpo' }]. Checked by the checklist rules (422 TEMPLATE_CYCLE, TEMPLATE_UNKNOWN_PHASE, …).",
  type: 'array',
  items: { type: 'object' },
} as const;

/** What a save carries; the tasks are checked by template-validation.ts so each rule has its own code. */
class TemplateContentDto {
  @ApiProperty({ type: BilingualNameDto })
  @ValidateNested()
  @Type(() => BilingualNameDto)
  name!: BilingualNameDto;

  @ApiPropertyOptional({ type: BilingualDescriptionDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => BilingualDescriptionDto)
  description?: BilingualDescriptionDto | null;

  @ApiPropertyOptional({ enum: INCIDENT_VECTORS, nullable: true })
  @IsOptional()
  @IsIn([...INCIDENT_VECTORS])
  suggestedVector?: IncidentVector | null;

  @ApiProperty(TASKS_DOC)
  @IsArray()
  tasks!: unknown[];

  @ApiProperty({ description: 'Why it changed; kept with the version', minLength: 3, maxLength: 1000 })
  @IsText(3, 1000)
  note!: string;
}

export class CreateIncidentTemplateDto extends TemplateContentDto {
  @ApiProperty({ example: 'credential_stuffing' })
  @IsString()
  @Matches(TASK_KEY, { message: 'Lower-case letters, digits and _, starting with a letter (2–61)' })
  key!: string;
}

export class UpdateIncidentTemplateDto extends TemplateContentDto {
  @IsVersion() version!: number;
}

export class ArchiveIncidentTemplateDto {
  @ApiPropertyOptional() @IsOptional() @IsVersion() version?: number;
}

export class IncidentTemplateFilterDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() archived?: boolean;
  @ApiPropertyOptional({ enum: INCIDENT_VECTORS }) @IsOptional() @IsIn([...INCIDENT_VECTORS]) vector?: IncidentVector;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  id?: string[];
}

export class TemplateVersionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all') id!: string;
  @ApiProperty() @Type(() => Number) @IsInt() @Min(1) version!: number;
}
