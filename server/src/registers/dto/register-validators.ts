import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { isCountryCode } from '../countries';
import { RegisterFieldCode } from '../registers.errors';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Control characters other than tab and line breaks (PostgreSQL text cannot even hold NUL). */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 127) return true;
  }
  return false;
}

export function NoControlCharacters(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: RegisterFieldCode.ControlCharacter,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'Text without control characters', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !hasControlCharacters(value) },
    });
}

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

/** 'YYYY-MM-DD', a real calendar date. */
export function isDateOnly(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2999) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function IsDateOnly(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: RegisterFieldCode.InvalidDate,
      target: target.constructor,
      propertyName,
      options: { message: 'A date like 2026-11-22', ...options },
      validator: { validate: isDateOnly },
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

export const IsReason = () =>
  applyDecorators(
    ApiProperty({ description: 'Why; kept in the version history and the access log', minLength: 3, maxLength: 500 }),
    Transform(trim),
    IsString(),
    Length(3, 500),
    NoControlCharacters(),
  );

export const IsVersion = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you edited (optimistic concurrency)' }),
    IsInt(),
    Min(1),
    Max(2_147_483_647),
  );

export const IsPosition = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'Order in the policy table; create: appended, PUT: kept when omitted' }),
    IsOptional(),
    IsInt(),
    Min(0),
    Max(100_000),
  );

export const IsContact = () => applyDecorators(ApiPropertyOptional({ maxLength: 300 }), IsOptional(), IsText(300));
