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
});
