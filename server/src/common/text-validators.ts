import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Length, Max, Min, registerDecorator, type ValidationOptions } from 'class-validator';

/** The field code a control character in text is refused with, on every route. */
export const CONTROL_CHARACTER = 'CONTROL_CHARACTER';

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
      name: CONTROL_CHARACTER,
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'Text without control characters', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !hasControlCharacters(value) },
    });
}

/** Why a versioned record changed: kept in its history and in the access log. */
export const IsReason = () =>
  applyDecorators(
    ApiProperty({ description: 'Why; kept in the version history and the access log', minLength: 3, maxLength: 500 }),
    Transform(trim),
    IsString(),
    Length(3, 500),
    NoControlCharacters(),
  );

/** The version the person edited (optimistic concurrency: a stale one gets 409). */
export const IsVersion = () =>
  applyDecorators(
    ApiProperty({ description: 'The version you edited (optimistic concurrency)' }),
    IsInt(),
    Min(1),
    Max(2_147_483_647),
  );

/**
 * Standard base64 with padding, checked in one pass. class-validator's IsBase64 runs a regular
 * expression that overflowed V8's regexp stack on a 7 MB upload (a 500 instead of the 413 the
 * size check gives), depending on how deep the stack already was.
 */
export function isPaddedBase64(text: string): boolean {
  if (text.length % 4 !== 0) return false;
  let padding = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 61 /* = */) {
      padding += 1;
      continue;
    }
    const alphabet =
      (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 /* + */ || c === 47; /* / */
    if (!alphabet || padding > 0) return false;
  }
  return padding <= 2;
}

export function IsPaddedBase64(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isBase64',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `${String(propertyName)} must be base64 encoded`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isPaddedBase64(value) },
    });
}
