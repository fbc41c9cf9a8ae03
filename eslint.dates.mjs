// The date rules of eslint.config.mjs, in a file of their own so that a test can lint with them
// (server/src/calendar/date-lint.spec.ts).
/**
 * F6: all date arithmetic goes through server/src/calendar (local dates, business days, deadlines,
 * instants, the injectable Clock). Elsewhere these are refused: "now" not from the Clock, the
 * process's or browser's own time zone (local getters, getTimezoneOffset), Date setters, and
 * day-length constants. Elapsed-time waits use performance.now(); the UI only formats what the
 * server counted.
 */
const DATE_MESSAGE = 'Date arithmetic goes through server/src/calendar (Clock, local-date, instant, deadline)';
export const dateArithmeticRules = {
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: `new Date() for "now": ${DATE_MESSAGE}`,
    },
    { selector: 'Literal[value=86400000]', message: `A day in milliseconds: ${DATE_MESSAGE}` },
    { selector: 'Literal[value=86400]', message: `A day in seconds: ${DATE_MESSAGE}` },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: DATE_MESSAGE },
    { object: 'Date', property: 'UTC', message: DATE_MESSAGE },
    ...[
      'getTimezoneOffset',
      'getFullYear',
      'getMonth',
      'getDate',
      'getDay',
      'getHours',
      'getUTCFullYear',
      'getUTCMonth',
      'getUTCDate',
      'getUTCDay',
      'setDate',
      'setMonth',
      'setFullYear',
      'setHours',
      'setMinutes',
      'setSeconds',
      'setTime',
      'setUTCDate',
      'setUTCMonth',
      'setUTCFullYear',
      'setUTCHours',
    ].map((property) => ({ property, message: DATE_MESSAGE })),
  ],
};

/** Where the date rules do not apply: the calendar itself, the one date formatter, tests. */
export const dateArithmeticExempt = [
  'server/src/calendar/**',
  'admin-ui/src/i18n/dates.ts',
  '**/*spec.ts',
  '**/*spec.tsx',
  // The demo generator lays out millions of made-up instants as epoch milliseconds at bench
  // speed; its ages and birth dates go through the calendar.
  'server/src/demo/demo-generator.ts',
];
