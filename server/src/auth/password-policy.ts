import { dictionary } from '@zxcvbn-ts/language-common';
import type { FieldProblem } from '../common/problem';
import { AuthErrorCode } from './auth.errors';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// ~49,000 most common passwords, from the zxcvbn-ts project.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * ASVS v5 6.2: length of at least 12, no composition rules, common passwords refused.
 * Length counts characters (code points), so a Korean passphrase is not penalised.
 */
export function checkPassword(password: string, email: string, field = 'newPassword'): FieldProblem[] {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return [{ field, code: AuthErrorCode.PasswordTooShort, message: `Use at least ${PASSWORD_MIN_LENGTH} characters` }];
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return [{ field, code: AuthErrorCode.PasswordTooLong, message: `Use at most ${PASSWORD_MAX_LENGTH} characters` }];
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\d!@#$%^&*.]+$/, ''))) {
    return [{ field, code: AuthErrorCode.PasswordTooCommon, message: 'This password is too common' }];
  }
  const local = email.toLowerCase().split('@')[0];
  if (lower === email.toLowerCase() || (local.length >= 4 && lower.includes(local))) {
    return [{ field, code: AuthErrorCode.PasswordSameAsEmail, message: 'Do not use your email address' }];
  }
  return [];
}
