import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class LoginDto {
  @ApiProperty({ example: 'dpo@demo.local' })
  @Transform(lower)
  @IsString()
  @Length(3, 254)
  email!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'At least 12 characters; no composition rules; common passwords are refused' })
  @IsString()
  @MaxLength(1024)
  newPassword!: string;

  @ApiPropertyOptional({ description: 'Required when changing the password of a fully signed-in session' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  currentPassword?: string;
}

export class TotpCodeDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'The code is 6 digits' })
  code!: string;
}

export class RecoveryCodeDto {
  @ApiProperty({ example: 'abcde-fghjk' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/, { message: 'A recovery code looks like abcde-fghjk' })
  recoveryCode!: string;
}
