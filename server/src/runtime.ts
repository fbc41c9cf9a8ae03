import type { Logger } from 'pino';
import { AppConfig, ConfigError } from './config/app-config';
import { createLogger } from './common/logger';
import { loadMasterKey, MasterKey } from './common/master-key';
import { DatabaseLocation, resolveDatabaseLocation } from './database/database-location';
import { migrate } from './database/migrator';

export interface Runtime {
  config: AppConfig;
  log: Logger;
  database: DatabaseLocation;
  masterKey: MasterKey;
}

/** Config, logger, database (embedded or not) migrated to the latest schema, and the master key. */
export async function prepareRuntime(
  env: NodeJS.ProcessEnv = process.env,
  /** 'command' for command-line runs: they share the embedded database a running console started. */
  owner: 'server' | 'command' = 'server',
): Promise<Runtime> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const database = await resolveDatabaseLocation(config, (line) => log.info(line), owner);
  const { applied } = await migrate(database.ownerUrl);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  const { key, source } = loadMasterKey(config);
  if (source !== 'MASTER_KEY' && !config.isEmbedded()) {
    log.warn({ file: source }, 'MASTER_KEY is not set: using a key file; every instance must share it');
  }
  return { config, log, database, masterKey: new MasterKey(key) };
}
