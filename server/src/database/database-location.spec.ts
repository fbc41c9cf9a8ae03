import { AppConfig } from '../config/app-config';
import { resolveDatabaseLocation } from './database-location';

describe('resolveDatabaseLocation with DATABASE_URL', () => {
  const owner = 'postgres://owner:pw@db.internal:5432/console';

  it('reaches the application and sequencer roles through the owner login when they have none', async () => {
    const lines: string[] = [];
    const location = await resolveDatabaseLocation(AppConfig.fromEnv({ DATABASE_URL: owner }), (l) => lines.push(l));
    expect(location).toEqual({
      ownerUrl: owner,
      appUrl: owner,
      appRole: 'console_app',
      sequencerUrl: owner,
      sequencerRole: 'console_sequencer',
    });
    expect(lines.join('\n')).toMatch(/SEQUENCER_DATABASE_URL is not set/);
  });

  it('uses the sequencer its own login when SEQUENCER_DATABASE_URL is set', async () => {
    const sequencer = 'postgres://console_sequencer:pw@db.internal:5432/console';
    const app = 'postgres://console_app:pw@db.internal:5432/console';
    const location = await resolveDatabaseLocation(
      AppConfig.fromEnv({ DATABASE_URL: owner, APP_DATABASE_URL: app, SEQUENCER_DATABASE_URL: sequencer }),
      () => undefined,
    );
    expect(location).toEqual({ ownerUrl: owner, appUrl: app, sequencerUrl: sequencer });
  });

  it('refuses a SEQUENCER_DATABASE_URL that is not a PostgreSQL URL', () => {
    expect(() => AppConfig.fromEnv({ DATABASE_URL: owner, SEQUENCER_DATABASE_URL: 'mysql://x' })).toThrow(
      /SEQUENCER_DATABASE_URL/,
    );
  });
});
