import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ROLES, Role } from '../authorization/roles';
import { Problem } from '../common/problem';
import { StaffService } from '../staff/staff.service';
import { fail, failWith, withApp } from './cli-app';

const usage =
  'Usage: npm run staff:create -- --email <email> --role <dpo|support|security|sysadmin|auditor> [--name "Full Name"]';

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } },
  strict: true,
});
if (!values.email || !values.role) fail(usage);
if (!(ROLES as readonly string[]).includes(values.role)) fail(`Unknown role ${values.role}. ${usage}`);

withApp(async (app) => {
  const staff = app.get(StaffService);
  const { account, temporaryPassword } = await staff.createAccount(
    { email: values.email as string, role: values.role as Role, displayName: values.name ?? (values.email as string) },
    { requestId: 'cli:staff:create' },
  );
  process.stdout.write(
    [
      `Created ${account.role} ${account.email}.`,
      `One-time temporary password: ${temporaryPassword}`,
      'It is shown only now. At first sign-in they choose a new password and enroll an authenticator.',
      '',
    ].join('\n'),
  );
}).catch((error: unknown) => {
  if (error instanceof Problem)
    fail(`${error.title}${error.errors.map((e) => ` (${e.field}: ${e.message})`).join('')}`);
  failWith('staff:create', error);
});
