import { prepareRuntime } from '../runtime';

// prepareRuntime applies every pending migration (and starts the embedded database if needed).
prepareRuntime()
  .then(async (runtime) => {
    process.stdout.write('The database schema is up to date.\n');
    await runtime.database.embedded?.stop();
  })
  .catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
