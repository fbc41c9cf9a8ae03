import { z } from 'zod';

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/**
 * Every environment variable the server reads. README.md lists the same set; keep them in step.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // Default: .data at the repository root, whichever directory a command runs in.
    DATA_DIR: z.string().min(1).optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    APP_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    // The access-log sequencer's own login, with console_sequencer's rights (else SET ROLE).
    SEQUENCER_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DEMO_DATA: bool(true),
    MASTER_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 bytes in base64')
      .optional(),
    // The key-encryption keys that wrap each subject's data key; outside the database so that a
    // dump alone never decrypts PHI. Default: DATA_DIR/keyring.json.
    KEYRING_FILE: z.string().min(1).optional(),
    // How long a recorded identity check justifies account actions.
    IDENTITY_CHECK_VALID_MINUTES: positiveInt(30),
    TRUST_PROXY: bool(false),
    TOTP_ISSUER: z.string().min(1).max(64).default('Privacy Operations Console'),
    SESSION_IDLE_MINUTES: positiveInt(30),
    SESSION_ABSOLUTE_HOURS: positiveInt(12),
    STEP_UP_MINUTES: positiveInt(5),
    SIGNIN_MAX_FAILURES: positiveInt(5),
    SIGNIN_LOCKOUT_MINUTES: positiveInt(15),
    UI_DIST_DIR: z.string().optional(),
    AUDIT_SEQUENCER: bool(true),
    // PIPC security standard Art. 8: at least two years for access records of sensitive data.
    AUDIT_RETENTION_DAYS: z.coerce.number().int().min(365).default(730),
    ORG_TIME_ZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Asia/Seoul')
      .default('Asia/Seoul'),
    REVIEW_BULK_READS_PER_HOUR: positiveInt(200),
    REVIEW_WORK_HOURS: z
      .string()
      .regex(/^([01]\d|2[0-3])-([01]\d|2[0-4])$/, 'must look like 08-20')
      .default('08-20'),
    REVIEW_DENIAL_BURST: positiveInt(10),
    AUDIT_CHECKPOINT_SECONDS: positiveInt(1),
    AUDIT_HEAD_DIR: z.string().optional(),
    // Background jobs (pg-boss): whether this process runs jobs at all (command-line runs do not),
    // whether it evaluates the cron schedules (every instance still works the queues), and how
    // often it looks for work and for a schedule that is due.
    JOBS_ENABLED: bool(true),
    JOBS_SCHEDULE: bool(true),
    JOBS_POLL_SECONDS: z.coerce.number().int().min(1).max(45).default(5),
    // How often the instance that evaluates the schedules checks whether one is due. pg-boss parses
    // every cron expression with its time zone on each check (about 30 ms each for a daily one, the
    // event loop held meanwhile), so not every poll: the schedules are per minute at the finest.
    JOBS_SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(45).default(30),
    // How long the record of a job run (the Jobs screen's history) is kept.
    JOB_RUNS_RETENTION_DAYS: z.coerce.number().int().min(7).max(3650).default(180),
    // A rights request is at risk once the days left are at most this share of its whole period
    // (0.3: a 10-day clock with 3 days left); the daily reminder job tells the assignee.
    RIGHTS_REQUEST_AT_RISK_SHARE: z.coerce.number().gt(0).lt(1).default(0.3),
    // The outbox: with SMTP_URL, e-mail goes out by SMTP; without it, every message is written as a
    // file under DATA_DIR/outbox (OUTBOX_DIR). The file of a message whose content is deleted after
    // sending is removed OUTBOX_FILE_RETENTION_HOURS after it was written. Sending is a job.
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    MAIL_FROM: z.string().min(3).max(200).default('Shelby 개인정보 보호책임자 <privacy@shelby.example>'),
    OUTBOX_DIR: z.string().min(1).optional(),
    OUTBOX_FILE_RETENTION_HOURS: z.coerce.number().int().min(1).max(720).default(24),
    AUDIT_SIGNING_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/=]+$/, 'must be a PKCS#8 Ed25519 private key PEM, base64-encoded')
      .optional(),
    // Staff single sign-on (OpenID Connect). Off unless SSO_ISSUER_URL is set; then the client,
    // the callback URL and the allowed email domains are required too.
    SSO_ISSUER_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSO_CLIENT_ID: z.string().min(1).max(255).optional(),
    SSO_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
    // The console's own callback, as registered at the provider: https://console.example/api/auth/sso/callback
    SSO_REDIRECT_URL: z.url({ protocol: /^https?$/ }).optional(),
    SSO_PROVIDER_NAME: z.string().min(1).max(60).default('SSO'),
    // Comma-separated: example.com,example.co.kr
    SSO_ALLOWED_DOMAINS: z
      .string()
      .regex(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, 'must be domains separated by commas')
      .optional(),
    // An ID token claim holding a console role (dpo, support, …); unset: roles stay the sysadmin's.
    SSO_ROLE_CLAIM: z
      .string()
      .regex(/^[A-Za-z0-9_:./-]{1,100}$/, 'must be a claim name')
      .optional(),
    // Skip the console's TOTP check when the provider says it did MFA (amr has mfa or otp).
    SSO_TRUST_IDP_MFA: bool(false),
    // false: only SSO signs in, except the break-glass sysadmin below.
    PASSWORD_SIGNIN: bool(true),
    BREAK_GLASS_EMAIL: z.email().optional(),
  })
  .superRefine((c, ctx) => {
    const required = (name: keyof typeof c, why: string) => {
      if (c[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    };
    if (c.SSO_ISSUER_URL !== undefined) {
      for (const name of ['SSO_CLIENT_ID', 'SSO_CLIENT_SECRET', 'SSO_REDIRECT_URL', 'SSO_ALLOWED_DOMAINS'] as const) {
        required(name, 'when SSO_ISSUER_URL is set');
      }
    }
    if (!c.PASSWORD_SIGNIN) {
      required('SSO_ISSUER_URL', 'when PASSWORD_SIGNIN is false');
      required('BREAK_GLASS_EMAIL', 'when PASSWORD_SIGNIN is false (a sysadmin who can still sign in)');
    }
  });

export type RawConfig = z.infer<typeof configSchema>;
