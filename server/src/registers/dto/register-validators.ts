import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isLocalDate } from '../../calendar/local-date';
import { NoControlCharacters, trim } from '../../common/text-validators';
import { isCountryCode } from '../countries';
import { RegisterFieldCode } from '../registers.errors';

export { hasControlCharacters, IsReason, IsVersion, NoControlCharacters, trim } from '../../common/text-validators';

/** A trimmed string of at most `max` characters, without control characters. */
export const IsText = (max: number) =>
  applyDecorators(Transform(trim), IsString(), MaxLength(max), NoControlCharacters());

/** `{ko, en}`; a missing language is an empty string. */
export class LocalizedTextDto {
  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  ko?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsText(2000)
  en?: string;
}

export const IsLocalizedText = () =>
  applyDecorators(
    ApiPropertyOptional({ type: LocalizedTextDto }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(() => LocalizedTextDto),
  );

export function IsDateOnly(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: RegisterFieldCode.InvalidDate,
      target: target.constructor,
      propertyName,
      options: { message: 'A date like 2026-11-22', ...options },
      validator: { validate: isLocalDate },
    });
}

export function IsCountryCode(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: RegisterFieldCode.UnknownCountry,
      target: target.constructor,
      propertyName,
      options: { message: 'An ISO 3166-1 alpha-2 country code in capitals, such as US', ...options },
      validator: { validate: isCountryCode },
    });
}

export const IsPosition = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Order in the policy table; create: appended, PUT: kept when omitted' }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(100_000),
  );

export const IsContact = () => applyDecorators(ApiPropertyOptional({ maxLength: 300 }), IsOptional(), IsText(300));
