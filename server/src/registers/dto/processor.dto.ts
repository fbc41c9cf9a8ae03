import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PROCESSOR_STATUSES, type ProcessorStatus } from '../register-types';
import {
  IsContact,
  IsCountryCode,
  IsDateOnly,
  IsLocalizedText,
  IsPosition,
  IsVersion,
  LocalizedTextDto,
  IsReason,
} from './register-validators';

/** PIPA Art. 26(1) / Decree Art. 28(1). A missing term is false. */
export class ContractTermsDto {
  @ApiPropertyOptional() @IsOptional() @IsBoolean() purposeLimit?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() safeguards?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() scope?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() reentrustmentLimits?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() accessLimits?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() supervision?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() liability?: boolean;
}

/** A processor's own fields (import documents use these, with keys instead of ids). */
export class ProcessorBodyDto {
  @IsPosition() position?: number;
  @IsLocalizedText() recipient?: LocalizedTextDto;
  @IsContact() contact?: string;
  @IsLocalizedText() task?: LocalizedTextDto;
  @IsLocalizedText() items?: LocalizedTextDto;
  @IsLocalizedText() protectionMeasures?: LocalizedTextDto;

  @ApiPropertyOptional({ description: 'Retention (API.md)', type: Object })
  @IsOptional()
  @IsObject()
  retention?: Record<string, unknown>;

  @ApiPropertyOptional({ example: 'US', nullable: true })
  @IsOptional()
  @IsCountryCode()
  country?: string | null;

  @ApiPropertyOptional({ type: ContractTermsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ContractTermsDto)
  contractTerms?: ContractTermsDto;

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDateOnly() dpaSignedOn?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDateOnly() dpaExpiresOn?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDateOnly() lastInspectionOn?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDateOnly() nextInspectionDue?: string | null;

  @ApiPropertyOptional({ enum: PROCESSOR_STATUSES, default: 'draft' })
  @IsOptional()
  @IsIn(PROCESSOR_STATUSES)
  status?: ProcessorStatus;
}

export class ProcessorInputDto extends ProcessorBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') policyId?: string;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID('all') parentId?: string | null;
}

export class CreateProcessorDto extends ProcessorInputDto {
  @IsReason() reason!: string;
}

export class UpdateProcessorDto extends CreateProcessorDto {
  @IsVersion() version!: number;
}

export class ImportProcessorDto extends ProcessorBodyDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{1,60}$/) key!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(60) parentKey?: string;
}

export class ProcessorFilterDto {
  @IsOptional() @IsUUID('all') policyId?: string;
  @IsOptional() @IsUUID('all') parentId?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(PROCESSOR_STATUSES) status?: ProcessorStatus;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
