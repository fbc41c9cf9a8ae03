import { join } from 'node:path';
import { AppConfig, ConfigError } from './app-config';

describe('AppConfig', () => {
  it('runs with nothing set: embedded database, port 3000, 30 min idle, 12 h absolute', () => {
    const config = AppConfig.fromEnv({});
    expect(config.isEmbedded()).toBe(true);
    expect(config.port).toBe(3000);
    expect(config.sessionIdleMs).toBe(30 * 60_000);
    expect(config.sessionAbsoluteMs).toBe(12 * 3_600_000);
    expect(config.signInMaxFailures).toBe(5);
    expect(config.signInLockoutMs).toBe(15 * 60_000);
  });

  it('stops with one line naming the bad variable', () => {
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => AppConfig.fromEnv({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT: /);
    expect(() => AppConfig.fromEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => AppConfig.fromEnv({ MASTER_KEY: 'short' })).toThrow(/MASTER_KEY: must be 32 bytes in base64/);
    expect(() => AppConfig.fromEnv({ SIGNIN_MAX_FAILURES: '0' })).toThrow(/SIGNIN_MAX_FAILURES/);
    try {
      AppConfig.fromEnv({ SESSION_IDLE_MINUTES: '-1' });
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it("keeps the data in the repository root's .data by default, whichever directory a command runs in", () => {
    const root = join(__dirname, '../../..');
    const inServer = jest.spyOn(process, 'cwd').mockReturnValue(join(root, 'server'));
    try {
      const config = AppConfig.fromEnv({});
      expect(config.dataDir).toBe(join(root, '.data'));
      expect(config.auditHeadDir).toBe(join(root, '.data', 'audit-heads'));
      expect(config.keyringFile).toBe(join(root, '.data', 'keyring.json'));
      // A relative DATA_DIR is read from where the command was typed (npm sets INIT_CWD).
      expect(AppConfig.fromEnv({ DATA_DIR: 'mine', INIT_CWD: root }).dataDir).toBe(join(root, 'mine'));
      expect(AppConfig.fromEnv({ DATA_DIR: '/tmp/x' }).auditHeadDir).toBe('/tmp/x/audit-heads');
    } finally {
      inServer.mockRestore();
    }
  });

  it('has no single sign-on unless SSO_ISSUER_URL is set, and then needs the client, callback and domains', () => {
    expect(AppConfig.fromEnv({}).sso).toBeUndefined();
    expect(AppConfig.fromEnv({}).passwordSignIn).toBe(true);
    const sso = {
      SSO_ISSUER_URL: 'https://idp.example.com',
      SSO_CLIENT_ID: 'console',
      SSO_CLIENT_SECRET: 'secret',
      SSO_REDIRECT_URL: 'https://console.example.com/api/auth/sso/callback',
      SSO_ALLOWED_DOMAINS: 'Example.com, example.co.kr',
    };
    expect(AppConfig.fromEnv(sso).sso).toMatchObject({
      allowedDomains: ['example.com', 'example.co.kr'],
      trustIdpMfa: false,
      providerName: 'SSO',
    });
    for (const name of ['SSO_CLIENT_ID', 'SSO_CLIENT_SECRET', 'SSO_REDIRECT_URL', 'SSO_ALLOWED_DOMAINS'] as const) {
      const rest: Record<string, string> = { ...sso };
      delete rest[name];
      expect(() => AppConfig.fromEnv(rest)).toThrow(new RegExp(`^Invalid configuration: ${name}: is required`));
    }
    expect(() => AppConfig.fromEnv({ ...sso, SSO_ALLOWED_DOMAINS: 'not a domain' })).toThrow(/SSO_ALLOWED_DOMAINS/);
  });

  it('switches password sign-in off only with SSO and a break-glass account', () => {
    expect(() => AppConfig.fromEnv({ PASSWORD_SIGNIN: 'false' })).toThrow(/SSO_ISSUER_URL: is required/);
    expect(() =>
      AppConfig.fromEnv({
        PASSWORD_SIGNIN: 'false',
        SSO_ISSUER_URL: 'https://idp.example.com',
        SSO_CLIENT_ID: 'console',
        SSO_CLIENT_SECRET: 'secret',
        SSO_REDIRECT_URL: 'https://console.example.com/api/auth/sso/callback',
        SSO_ALLOWED_DOMAINS: 'example.com',
      }),
    ).toThrow(/BREAK_GLASS_EMAIL: is required/);
  });
});
