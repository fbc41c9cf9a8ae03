import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DISCLOSURE_BASIS_TYPES, type DisclosureBasisType } from '../register-types';
import { IsDateOnly, IsReason, IsText, IsVersion } from './register-validators';

export class DisclosureInputDto {
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') subjectId?: string;
  @ApiProperty({ maxLength: 300 }) @IsOptional() @IsText(300) authority?: string;

  @ApiProperty({ enum: DISCLOSURE_BASIS_TYPES })
  @IsOptional()
  @IsIn(DISCLOSURE_BASIS_TYPES)
  basisType?: DisclosureBasisType;

  @ApiProperty({ maxLength: 500 }) @IsOptional() @IsText(500) legalBasis?: string;
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsText(200)
  requestReference?: string;

  @ApiProperty({ maxLength: 2000 }) @IsOptional() @IsText(2000) items?: string;
  @ApiProperty({ example: '2026-11-20' }) @IsOptional() @IsDateOnly() disclosedOn?: string;
  /** The staff member who approved it, chosen with the staff picker; the server stores their name beside it. */
  @ApiProperty({ format: 'uuid' }) @IsOptional() @IsUUID('all') approvedById?: string;
  @ApiProperty() @IsOptional() @IsBoolean() shareWithSubject?: boolean;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsText(2000) notes?: string;
}

export class CreateDisclosureDto extends DisclosureInputDto {
  @IsReason() reason!: string;
}

export class UpdateDisclosureDto extends CreateDisclosureDto {
  @IsVersion() version!: number;
}

export class DisclosureFilterDto {
  @IsOptional() @IsUUID('all') subjectId?: string;
  @IsOptional() @IsIn(DISCLOSURE_BASIS_TYPES) basisType?: DisclosureBasisType;
  @IsOptional() @IsDateOnly() from?: string;
  @IsOptional() @IsDateOnly() to?: string;
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
