import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { LAYOUTS, type Layout } from '../register-types';
import { IsLocalizedText, IsReason, IsVersion, LocalizedTextDto } from './register-validators';

export class PolicyBodyDto {
  @ApiProperty({ example: 'maumjuui', pattern: '^[a-z0-9-]{2,40}$' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{2,40}$/, { message: 'Lower-case letters, digits and dashes (2-40)' })
  code?: string;

  @IsLocalizedText() name?: LocalizedTextDto;

  @ApiProperty({ enum: LAYOUTS })
  @IsOptional()
  @IsIn(LAYOUTS)
  layout?: Layout;
}

export class CreatePolicyDto extends PolicyBodyDto {
  @IsReason() reason!: string;
}

export class UpdatePolicyDto extends CreatePolicyDto {
  @IsVersion() version!: number;
}

export class PolicyFilterDto {
  @IsOptional() @IsString() @MaxLength(100) q?: string;
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true }) id?: string[];
}
