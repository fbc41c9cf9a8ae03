import { describeError } from '../common/startup-error';
import { prepareRuntime } from '../runtime';

// prepareRuntime applies every pending migration (and starts the embedded database if needed).
prepareRuntime(process.env, 'command')
  .then(async (runtime) => {
    process.stdout.write('The database schema is up to date.\n');
    await runtime.database.embedded?.stop();
  })
  .catch((error: unknown) => {
    process.stderr.write(`Migration failed: ${describeError(error)}\n`);
    process.exit(1);
  });
