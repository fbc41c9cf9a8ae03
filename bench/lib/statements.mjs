// The SQL of the subject reads, loaded from the server's build (server/src/subjects/
// subject-statements.ts): the bare Express+pg peer of bench/reads.mjs runs exactly the
// statements the console runs, under the same names, with none of its guards or audit.

import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from './build.mjs';

/** The profile's named statement (the account, its tabs and findings), from `serverDist` (default server/dist). */
export function subjectStatements(serverDist = join(ROOT, 'server', 'dist')) {
  const serverRequire = createRequire(join(serverDist, 'main.js'));
  const { PROFILE } = serverRequire('./subjects/subject-statements.js');
  const { fourteenthBirthdayBound } = serverRequire('./subjects/subjects.repository.js');
  return { PROFILE, fourteenthBirthdayBound, serverRequire };
}
