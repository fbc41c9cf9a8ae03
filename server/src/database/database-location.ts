import { AppConfig } from '../config/app-config';
import {
  APP_ROLE,
  EmbeddedDatabaseHandle,
  ensureDatabase,
  SEQUENCER_ROLE,
  startEmbeddedDatabase,
} from './embedded-database';

/**
 * Where the console's data lives. Migrations run as the owner; the application connects
 * with the least-privileged application role, and the access-log sequencer with its own role,
 * the only one that may write the log.
 */
export interface DatabaseLocation {
  ownerUrl: string;
  appUrl: string;
  /** Set when the application reaches its role through the owner's login (`SET ROLE`). */
  appRole?: string;
  sequencerUrl: string;
  /** Set when the sequencer reaches its role through the owner's login (`SET ROLE`). */
  sequencerRole?: string;
  embedded?: EmbeddedDatabaseHandle;
}

export const EMBEDDED_DATABASE_NAME = 'console';

export async function resolveDatabaseLocation(
  config: AppConfig,
  log: (line: string) => void,
  /** 'command': use the embedded cluster a running console started instead of refusing it. */
  owner: 'server' | 'command' = 'server',
): Promise<DatabaseLocation> {
  if (config.databaseUrl === undefined) {
    const embedded = await startEmbeddedDatabase({ dir: config.dataDir, port: config.embeddedPgPort, log, owner });
    await ensureDatabase(embedded.superUrl(), EMBEDDED_DATABASE_NAME);
    log(`Embedded PostgreSQL is running on 127.0.0.1:${embedded.port}, data in ${config.dataDir}`);
    return {
      ownerUrl: embedded.ownerUrl(EMBEDDED_DATABASE_NAME),
      appUrl: embedded.appUrl(EMBEDDED_DATABASE_NAME),
      sequencerUrl: embedded.sequencerUrl(EMBEDDED_DATABASE_NAME),
      embedded,
    };
  }
  const sequencer =
    config.sequencerDatabaseUrl !== undefined
      ? { sequencerUrl: config.sequencerDatabaseUrl }
      : { sequencerUrl: config.databaseUrl, sequencerRole: SEQUENCER_ROLE };
  if (config.sequencerDatabaseUrl === undefined) {
    log(
      `SEQUENCER_DATABASE_URL is not set: the access-log sequencer uses DATABASE_URL with SET ROLE ${SEQUENCER_ROLE}`,
    );
  }
  if (config.appDatabaseUrl !== undefined) {
    return { ownerUrl: config.databaseUrl, appUrl: config.appDatabaseUrl, ...sequencer };
  }
  log(`APP_DATABASE_URL is not set: the application uses DATABASE_URL with SET ROLE ${APP_ROLE}`);
  return { ownerUrl: config.databaseUrl, appUrl: config.databaseUrl, appRole: APP_ROLE, ...sequencer };
}

/** Injection token for the DatabaseLocation the application was started with. */
export const DATABASE_LOCATION = 'DATABASE_LOCATION';
