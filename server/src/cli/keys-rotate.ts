import 'reflect-metadata';
import { AuditService } from '../access-log/audit.service';
import { SubjectKeysService } from '../subjects/subject-keys.service';
import { failWith, withApp } from './cli-app';

// npm run keys:rotate — a new key-encryption key rewraps every subject's data key (the data is
// not touched), then the older KEKs are destroyed.
withApp(async (app) => {
  const started = performance.now();
  const result = await app.get(SubjectKeysService).rotate();
  await app.get(AuditService).record(
    {
      action: 'administer',
      resource: 'keyring',
      outcome: 'success',
      detail: { activeKekId: result.activeKekId, rewrapped: result.rewrapped, retired: result.retiredKekIds },
    },
    { requestId: 'cli:keys:rotate' },
  );
  process.stdout.write(
    [
      `Active key-encryption key: ${result.activeKekId}`,
      `Data keys rewrapped: ${result.rewrapped} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      `Retired (destroyed): ${result.retiredKekIds.join(', ') || 'none'}`,
      '',
    ].join('\n'),
  );
}).catch((error: unknown) => {
  failWith('keys:rotate', error);
});
