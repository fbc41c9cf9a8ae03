// The registers' problem codes (API.md, "Error codes") and their message keys; no React here.
import { fieldErrorKey, type ProblemFieldError } from '../../providers/problems';

const R = 'resources.registers.problem';

/** Field codes the registers' messages explain better than the console's generic ones. */
const REGISTER_FIELD_CODES = new Set([
  'UNKNOWN_FIELD',
  'REQUIRED',
  'UNKNOWN_COUNTRY',
  'INVALID_RETENTION',
  'CONTRACT_TERM_MISSING',
  'NOT_ALLOWED',
  'UNKNOWN_REFERENCE',
  'CYCLE',
  'DATE_ORDER',
  'IN_FUTURE',
  'STALE_VERSION',
  'INVALID_DATE',
  'CONTROL_CHARACTER',
  'INVALID_AS_OF',
  'TAKEN',
]);

/** Problem codes of whole answers. */
const REGISTER_CODES = new Set([
  'VERSION_CONFLICT',
  'REGISTER_ROW_NOT_FOUND',
  'PROFILE_NOT_FOUND',
  'POLICY_CODE_TAKEN',
]);

export const registerFieldErrorKey = (error: ProblemFieldError): string =>
  REGISTER_FIELD_CODES.has(error.code) ? `${R}.${error.code}` : fieldErrorKey(error);

/** The message key for a problem code, when the registers have one. */
export const registerProblemKey = (code: string | undefined): string | undefined =>
  code && REGISTER_CODES.has(code) ? `${R}.${code}` : undefined;

/**
 * The server's field paths as react-hook-form paths: "processorIds[1]" -> "processorIds.1",
 * so the error lands on the input that shows that value.
 */
export const formPath = (field: string): string => field.replace(/\[(\d+)\]/g, '.$1');

/** Field errors as react-admin sets them on a form: path -> message key (the first per path). */
export const formErrors = (errors: ProblemFieldError[]): Record<string, string> => {
  const byPath: Record<string, string> = {};
  for (const error of errors) byPath[formPath(error.field)] ??= registerFieldErrorKey(error);
  return byPath;
};
