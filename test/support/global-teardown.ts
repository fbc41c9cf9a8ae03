import { rm } from 'node:fs/promises';
import type { EmbeddedDatabaseHandle } from '../../server/src/database/embedded-database';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__POC_EMBEDDED__ as
    { embedded: EmbeddedDatabaseHandle; dir: string } | undefined;
  if (state === undefined) return;
  await state.embedded.stop();
  await rm(state.dir, { recursive: true, force: true });
}
