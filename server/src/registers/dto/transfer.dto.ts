import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
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
} from 'class-validator';
import {
  DEROGATIONS,
  GDPR_MECHANISMS,
  PIPA_BASES,
  type Derogation,
  type GdprMechanism,
  type PipaBasis,
} from '../register-types';
import {
  IsContact,
  IsCountryCode,
  IsLocalizedText,
  IsPosition,
  IsReason,
  IsVersion,
  LocalizedTextDto,
} from './register-validators';

export class TransferBodyDto {
  @IsPosition() position?: number;
  @IsLocalizedText() recipient?: LocalizedTextDto;
  @IsContact() contact?: string;

  @ApiProperty({ example: 'US' })
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @IsLocalizedText() items?: LocalizedTextDto;
  @IsLocalizedText() purpose?: LocalizedTextDto;

  @ApiPropertyOptional({ description: 'Retention (API.md)', type: Object })
  @IsOptional()
  @IsObject()
  retention?: Record<string, unknown>;

  @IsLocalizedText() timingMethod?: LocalizedTextDto;

  @ApiProperty({ enum: PIPA_BASES })
  @IsOptional()
  @IsIn(PIPA_BASES)
  pipaBasis?: PipaBasis;

  @ApiPropertyOptional({ enum: GDPR_MECHANISMS, nullable: true })
  @IsOptional()
  @IsIn(GDPR_MECHANISMS)
  gdprMechanism?: GdprMechanism | null;

  @ApiPropertyOptional({ enum: DEROGATIONS, nullable: true, description: 'Required iff gdprMechanism is derogation' })
  @IsOptional()
  @IsIn(DEROGATIONS)
  derogation?: Derogation | null;

  @IsLocalizedText() refusal?: LocalizedTextDto;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() suspended?: boolean;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() inUse?: boolean;
}

export class TransferInputDto extends TransferBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') policyId?: string;
}

export class CreateTransferDto extends TransferInputDto {
  @IsReason() reason!: string;
}

export class UpdateTransferDto extends CreateTransferDto {
  @IsVersion() version!: number;
}

export class ImportTransferDto extends TransferBodyDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{1,60}$/) key!: string;
}

export class TransferFilterDto {
  @IsOptional() @IsUUID('all') policyId?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsBoolean() inUse?: boolean;
  @IsOptional() @IsBoolean() suspended?: boolean;
  @IsOptional() @IsString() @Matches(/^[A-Z]{2}$/) country?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
