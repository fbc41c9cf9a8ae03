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
import { PROVISION_BASES, ROW_STATUSES, type ProvisionBasis, type RowStatus } from '../register-types';
import { IsLocalizedText, IsPosition, IsReason, IsVersion, LocalizedTextDto } from './register-validators';

export class ProvisionBodyDto {
  @IsPosition() position?: number;
  @IsLocalizedText() recipient?: LocalizedTextDto;
  @IsLocalizedText() purpose?: LocalizedTextDto;
  @IsLocalizedText() items?: LocalizedTextDto;

  @ApiPropertyOptional({ description: "The recipient's retention (API.md)", type: Object })
  @IsOptional()
  @IsObject()
  retention?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: PROVISION_BASES })
  @IsOptional()
  @IsIn(PROVISION_BASES)
  legalBasis?: ProvisionBasis;

  @IsLocalizedText() refusal?: LocalizedTextDto;

  @ApiPropertyOptional({ enum: ROW_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(ROW_STATUSES)
  status?: RowStatus;
}

export class ProvisionInputDto extends ProvisionBodyDto {
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') policyId?: string;
}

export class CreateProvisionDto extends ProvisionInputDto {
  @IsReason() reason!: string;
}

export class UpdateProvisionDto extends CreateProvisionDto {
  @IsVersion() version!: number;
}

export class ImportProvisionDto extends ProvisionBodyDto {
  @ApiProperty() @IsString() @Matches(/^[A-Za-z0-9_-]{1,60}$/) key!: string;
}

export class ProvisionFilterDto {
  @IsOptional() @IsUUID('all') policyId?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsIn(ROW_STATUSES) status?: RowStatus;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
