import { AppConfig } from '../config/app-config';
import { APP_ROLE, EmbeddedDatabaseHandle, ensureDatabase, startEmbeddedDatabase } from './embedded-database';

/**
 * Where the console's data lives. Migrations run as the owner; the application connects
 * with the least-privileged application role.
 */
export interface DatabaseLocation {
  ownerUrl: string;
  appUrl: string;
  /** Set when the application reaches its role through the owner's login (`SET ROLE`). */
  appRole?: string;
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
      embedded,
    };
  }
  if (config.appDatabaseUrl !== undefined) {
    return { ownerUrl: config.databaseUrl, appUrl: config.appDatabaseUrl };
  }
  log(`APP_DATABASE_URL is not set: the application uses DATABASE_URL with SET ROLE ${APP_ROLE}`);
  return { ownerUrl: config.databaseUrl, appUrl: config.databaseUrl, appRole: APP_ROLE };
}

/** Injection token for the DatabaseLocation the application was started with. */
export const DATABASE_LOCATION = 'DATABASE_LOCATION';
