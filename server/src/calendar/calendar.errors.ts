/** Codes the calendar answers with. */
export enum CalendarErrorCode {
  HolidayNotFound = 'HOLIDAY_NOT_FOUND',
  HolidayExists = 'HOLIDAY_EXISTS',
  HolidayEnded = 'HOLIDAY_ENDED',
  VersionConflict = 'VERSION_CONFLICT',
}

/** Codes of the field errors inside a 422 (or 409) problem. */
export enum CalendarFieldCode {
  StaleVersion = 'STALE_VERSION',
  Taken = 'TAKEN',
  InvalidDate = 'INVALID_DATE',
  UnknownJurisdiction = 'UNKNOWN_JURISDICTION',
  InvalidRule = 'INVALID_RULE',
  OutsideCalendar = 'OUTSIDE_CALENDAR',
}
