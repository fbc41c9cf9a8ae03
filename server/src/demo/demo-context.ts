import { defineAbilityFor } from '../authorization/abilities';
import type { StaffContext } from '../context/staff-context';
import { DEMO_STAFF } from '../staff/demo-staff';
import { StaffService } from '../staff/staff.service';

/** A demo staff member's context as the services expect it, outside any HTTP request. */
export async function demoContext(
  staff: StaffService,
  role: 'dpo' | 'support' | 'security',
): Promise<StaffContext | null> {
  const account = DEMO_STAFF.find((a) => a.role === role);
  const row = account ? await staff.findForSignIn(account.email) : null;
  if (!row) return null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    sessionId: '',
    stage: 'full',
    mfaVerifiedAt: null,
    mfaEnrolled: false,
    ability: defineAbilityFor({ id: row.id, role: row.role }),
    origin: { actorId: row.id, actorRole: row.role, requestId: 'demo-seed' },
  };
}
