/** Codes every feature may answer with. Feature-specific codes live in `<feature>.errors.ts`. */
export enum CommonErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  MalformedJson = 'MALFORMED_JSON',
  /** JSON nested past MAX_JSON_DEPTH: refused before it is parsed. */
  JsonTooDeep = 'JSON_TOO_DEEP',
  /** U+0000 or a lone surrogate in a key, string, query or path parameter (field-level code). */
  InvalidCharacter = 'INVALID_CHARACTER',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  NotFound = 'NOT_FOUND',
  MethodNotAllowed = 'METHOD_NOT_ALLOWED',
  CsrfHeaderMissing = 'CSRF_HEADER_MISSING',
  Unauthenticated = 'UNAUTHENTICATED',
  SessionExpired = 'SESSION_EXPIRED',
  WrongStage = 'WRONG_STAGE',
  Forbidden = 'FORBIDDEN',
  StepUpRequired = 'STEP_UP_REQUIRED',
  RouteNotDeclared = 'ROUTE_NOT_DECLARED',
  Conflict = 'CONFLICT',
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Internal = 'INTERNAL',
}
