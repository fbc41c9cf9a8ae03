import type { Role } from '../authorization/roles';

/**
 * One demo account per role, created on the embedded database only. The passwords are
 * public (printed at start and shown on the sign-in page); the authenticator is still the
 * person's own, enrolled at first sign-in.
 */
export const DEMO_STAFF: readonly { email: string; displayName: string; role: Role; password: string }[] = [
  { email: 'dpo@demo.local', displayName: '김지은 (DPO)', role: 'dpo', password: 'demo-maple-lantern-26' },
  {
    email: 'support@demo.local',
    displayName: 'Park Minho (Support)',
    role: 'support',
    password: 'demo-river-compass-26',
  },
  {
    email: 'security@demo.local',
    displayName: '이서준 (Security)',
    role: 'security',
    password: 'demo-cedar-harbor-26',
  },
  {
    email: 'sysadmin@demo.local',
    displayName: 'Choi Yuna (Sysadmin)',
    role: 'sysadmin',
    password: 'demo-pine-beacon-26',
  },
  { email: 'auditor@demo.local', displayName: '정하늘 (Auditor)', role: 'auditor', password: 'demo-birch-ledger-26' },
];

/** Creates whichever demo accounts are missing; returns how many it created. */
export async function ensureDemoStaff(staff: {
  findForSignIn(email: string): Promise<unknown>;
  createAccount(input: (typeof DEMO_STAFF)[number], origin: { requestId: string }): Promise<unknown>;
}): Promise<number> {
  let created = 0;
  for (const account of DEMO_STAFF) {
    if (await staff.findForSignIn(account.email)) continue;
    await staff.createAccount(account, { requestId: 'demo-seed' });
    created += 1;
  }
  return created;
}
