import { rm } from 'node:fs/promises';
import type { EmbeddedDatabaseHandle } from '../../server/src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__POC_EMBEDDED__ as
    { embedded: EmbeddedDatabaseHandle; dir: string } | undefined;
  if (state !== undefined) {
    await state.embedded.stop();
    await rm(state.dir, { recursive: true, force: true });
  }
  // The run's temp folder (see global-setup), with whatever a test left in it.
  const runDir = process.env.POC_TEST_RUN_DIR;
  if (runDir !== undefined) await rm(runDir, { recursive: true, force: true });
}
