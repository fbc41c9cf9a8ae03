import { join, resolve } from 'node:path';
import { configSchema } from './config.schema';

/** The repository (or, in the Docker image, the application) root: server/{src,dist}/config/../../.. */
const REPOSITORY_ROOT = resolve(__dirname, '../../..');

export class ConfigError extends Error {}

/** Single sign-on through an OpenID Connect provider (present only when SSO_ISSUER_URL is set). */
export interface SsoSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  providerName: string;
  allowedDomains: string[];
  roleClaim?: string;
  trustIdpMfa: boolean;
}

type AppConfigValues = {
  -readonly [K in keyof AppConfig as AppConfig[K] extends (...args: never[]) => unknown ? never : K]: AppConfig[K];
};

/** The validated, typed configuration. Read only here; everything else receives an AppConfig. */
export class AppConfig {
  readonly env!: 'development' | 'production' | 'test';
  readonly host!: string;
  readonly port!: number;
  readonly logLevel!: string;
  readonly dataDir!: string;
  readonly databaseUrl?: string;
  readonly appDatabaseUrl?: string;
  readonly sequencerDatabaseUrl?: string;
  readonly embeddedPgPort!: number;
  readonly demoData!: boolean;
  readonly masterKey?: Buffer;
  readonly keyringFile!: string;
  readonly identityCheckValidMs!: number;
  readonly trustProxy!: boolean;
  readonly totpIssuer!: string;
  readonly sessionIdleMs!: number;
  readonly sessionAbsoluteMs!: number;
  readonly stepUpMs!: number;
  readonly signInMaxFailures!: number;
  readonly signInLockoutMs!: number;
  readonly uiDistDir!: string;
  readonly auditSequencer!: boolean;
  readonly auditRetentionDays!: number;
  readonly orgTimeZone!: string;
  readonly reviewBulkReadsPerHour!: number;
  readonly reviewWorkHours!: { start: number; end: number };
  readonly reviewDenialBurst!: number;
  readonly auditCheckpointMs!: number;
  readonly auditHeadDir!: string;
  readonly auditSigningKeyPem?: string;
  readonly jobsEnabled!: boolean;
  readonly jobsSchedule!: boolean;
  readonly jobsPollSeconds!: number;
  readonly jobsScheduleCheckSeconds!: number;
  readonly jobRunsRetentionDays!: number;
  readonly rightsRequestAtRiskShare!: number;
  readonly smtpUrl?: string;
  readonly mailFrom!: string;
  readonly outboxDir!: string;
  readonly outboxFileRetentionHours!: number;
  readonly sso?: SsoSettings;
  readonly passwordSignIn!: boolean;
  readonly breakGlassEmail?: string;

  private constructor(values: AppConfigValues) {
    Object.assign(this, values);
  }

  /** True when the console runs on its own embedded PostgreSQL (no DATABASE_URL). */
  isEmbedded(): boolean {
    return this.databaseUrl === undefined;
  }

  /**
   * Parses the environment. A missing or bad variable throws a ConfigError whose message
   * is one line naming the variable.
   */
  static fromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<AppConfigValues> = {}): AppConfig {
    const parsed = configSchema.safeParse(env);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(`Invalid configuration: ${issue.path.join('.')}: ${issue.message}`);
    }
    const c = parsed.data;
    // npm runs a workspace's scripts in the workspace's directory: a relative path the operator
    // gives is read from where they typed the command (INIT_CWD), and the default data directory
    // is the repository root's, so `npm start` and every `npm run …` act on the same data.
    const fromUser = (path: string) => resolve(env.INIT_CWD ?? process.cwd(), path);
    const dataDir = c.DATA_DIR === undefined ? join(REPOSITORY_ROOT, '.data') : fromUser(c.DATA_DIR);
    return new AppConfig({
      env: c.NODE_ENV,
      host: c.HOST,
      port: c.PORT,
      logLevel: c.LOG_LEVEL,
      dataDir,
      databaseUrl: c.DATABASE_URL,
      appDatabaseUrl: c.APP_DATABASE_URL,
      sequencerDatabaseUrl: c.SEQUENCER_DATABASE_URL,
      embeddedPgPort: c.EMBEDDED_PG_PORT,
      demoData: c.DEMO_DATA,
      masterKey: c.MASTER_KEY === undefined ? undefined : Buffer.from(c.MASTER_KEY, 'base64'),
      keyringFile: c.KEYRING_FILE === undefined ? join(dataDir, 'keyring.json') : fromUser(c.KEYRING_FILE),
      identityCheckValidMs: c.IDENTITY_CHECK_VALID_MINUTES * 60_000,
      trustProxy: c.TRUST_PROXY,
      totpIssuer: c.TOTP_ISSUER,
      sessionIdleMs: c.SESSION_IDLE_MINUTES * 60_000,
      sessionAbsoluteMs: c.SESSION_ABSOLUTE_HOURS * 3_600_000,
      stepUpMs: c.STEP_UP_MINUTES * 60_000,
      signInMaxFailures: c.SIGNIN_MAX_FAILURES,
      signInLockoutMs: c.SIGNIN_LOCKOUT_MINUTES * 60_000,
      uiDistDir: c.UI_DIST_DIR === undefined ? join(REPOSITORY_ROOT, 'admin-ui/dist') : fromUser(c.UI_DIST_DIR),
      auditSequencer: c.AUDIT_SEQUENCER,
      auditRetentionDays: c.AUDIT_RETENTION_DAYS,
      orgTimeZone: c.ORG_TIME_ZONE,
      reviewBulkReadsPerHour: c.REVIEW_BULK_READS_PER_HOUR,
      reviewWorkHours: { start: Number(c.REVIEW_WORK_HOURS.slice(0, 2)), end: Number(c.REVIEW_WORK_HOURS.slice(3)) },
      reviewDenialBurst: c.REVIEW_DENIAL_BURST,
      auditCheckpointMs: c.AUDIT_CHECKPOINT_SECONDS * 1000,
      auditHeadDir: c.AUDIT_HEAD_DIR === undefined ? join(dataDir, 'audit-heads') : fromUser(c.AUDIT_HEAD_DIR),
      auditSigningKeyPem:
        c.AUDIT_SIGNING_KEY === undefined ? undefined : Buffer.from(c.AUDIT_SIGNING_KEY, 'base64').toString('utf8'),
      jobsEnabled: c.JOBS_ENABLED,
      jobsSchedule: c.JOBS_SCHEDULE,
      jobsPollSeconds: c.JOBS_POLL_SECONDS,
      jobsScheduleCheckSeconds: c.JOBS_SCHEDULE_CHECK_SECONDS,
      jobRunsRetentionDays: c.JOB_RUNS_RETENTION_DAYS,
      rightsRequestAtRiskShare: c.RIGHTS_REQUEST_AT_RISK_SHARE,
      smtpUrl: c.SMTP_URL,
      mailFrom: c.MAIL_FROM,
      outboxDir: c.OUTBOX_DIR === undefined ? join(dataDir, 'outbox') : fromUser(c.OUTBOX_DIR),
      outboxFileRetentionHours: c.OUTBOX_FILE_RETENTION_HOURS,
      sso:
        c.SSO_ISSUER_URL === undefined
          ? undefined
          : {
              issuerUrl: c.SSO_ISSUER_URL,
              clientId: c.SSO_CLIENT_ID as string,
              clientSecret: c.SSO_CLIENT_SECRET as string,
              redirectUrl: c.SSO_REDIRECT_URL as string,
              providerName: c.SSO_PROVIDER_NAME,
              allowedDomains: (c.SSO_ALLOWED_DOMAINS as string).split(',').map((d) => d.trim().toLowerCase()),
              roleClaim: c.SSO_ROLE_CLAIM,
              trustIdpMfa: c.SSO_TRUST_IDP_MFA,
            },
      passwordSignIn: c.PASSWORD_SIGNIN,
      breakGlassEmail: c.BREAK_GLASS_EMAIL?.trim().toLowerCase(),
      ...overrides,
    });
  }
}
