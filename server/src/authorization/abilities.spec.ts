import { ForbiddenError, subject } from '@casl/ability';
import { decidedWithoutRow, defineAbilityFor, throwUnlessCan } from './abilities';
import type { Role } from './roles';

const me = (role: Role) => defineAbilityFor({ id: 'me', role });

describe('role abilities (DESIGN.md, Roles)', () => {
  it('lets a sysadmin manage staff but not change their own role or disable themselves', () => {
    const sysadmin = me('sysadmin');
    expect(sysadmin.can('read', 'Staff')).toBe(true);
    expect(sysadmin.can('changeRole', subject('Staff', { id: 'someone-else' }))).toBe(true);
    expect(sysadmin.can('changeRole', subject('Staff', { id: 'me' }))).toBe(false);
    expect(sysadmin.can('disable', subject('Staff', { id: 'me' }))).toBe(false);
    expect(sysadmin.can('resetMfa', subject('Staff', { id: 'me' }))).toBe(false);
    expect(sysadmin.can('endSession', 'StaffSession')).toBe(true);
  });

  it('keeps a sysadmin away from personal data', () => {
    const sysadmin = me('sysadmin');
    expect(sysadmin.can('read', 'Subject')).toBe(false);
    expect(sysadmin.can('revealPhi', 'Subject')).toBe(false);
    expect(sysadmin.can('read', 'AccessLog')).toBe(false);
  });

  it('lets no role other than sysadmin touch staff accounts', () => {
    for (const role of ['dpo', 'support', 'security', 'auditor'] as const) {
      expect(me(role).can('read', 'Staff')).toBe(false);
      expect(me(role).can('create', 'Staff')).toBe(false);
      expect(me(role).can('changeRole', subject('Staff', { id: 'x' }))).toBe(false);
    }
  });

  it("lets each role read its own dashboard and no other role's", () => {
    const roles = ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as const;
    for (const role of roles) {
      for (const other of roles) {
        expect({ role, other, can: me(role).can('read', subject('Dashboard', { role: other })) }).toEqual({
          role,
          other,
          can: role === other,
        });
      }
      expect(me(role).can('update', subject('Dashboard', { role }))).toBe(false);
    }
  });

  it('lets a DPO approve a rights request prepared by someone else, never their own', () => {
    const dpo = me('dpo');
    expect(dpo.can('approve', subject('RightsRequest', { preparedById: 'colleague' }))).toBe(true);
    expect(dpo.can('approve', subject('RightsRequest', { preparedById: 'me' }))).toBe(false);
    expect(dpo.can('revealPhi', 'Subject')).toBe(true);
    expect(dpo.can('signOff', 'AccessLogReview')).toBe(true);
  });

  it('lets support work only on requests assigned to them, and never read PHI or the access log', () => {
    const support = me('support');
    expect(support.can('update', subject('RightsRequest', { assigneeId: 'me' }))).toBe(true);
    expect(support.can('update', subject('RightsRequest', { assigneeId: 'other' }))).toBe(false);
    expect(support.can('approve', subject('RightsRequest', { assigneeId: 'me' }))).toBe(false);
    expect(support.can('reveal', 'Subject')).toBe(true);
    expect(support.can('revealPhi', 'Subject')).toBe(false);
    expect(support.can('read', 'AccessLog')).toBe(false);
  });

  it('lets security run incidents and verify the log but not change registers', () => {
    const security = me('security');
    expect(security.can('update', 'Incident')).toBe(true);
    expect(security.can('verify', 'AccessLog')).toBe(true);
    expect(security.can('read', 'Register')).toBe(true);
    expect(security.can('update', 'Register')).toBe(false);
    expect(security.can('revealPhi', 'Subject')).toBe(false);
    expect(security.can('approve', 'RightsRequest')).toBe(false);
  });

  it('lets an auditor read records and change nothing', () => {
    const auditor = me('auditor');
    expect(auditor.can('read', 'AccessLog')).toBe(true);
    expect(auditor.can('read', 'Register')).toBe(true);
    expect(auditor.can('read', 'Incident')).toBe(true);
    for (const action of ['create', 'update', 'delete', 'approve', 'verify', 'signOff'] as const) {
      expect(auditor.can(action, 'Register')).toBe(false);
      expect(auditor.can(action, 'AccessLog')).toBe(false);
    }
    expect(auditor.can('reveal', 'Subject')).toBe(false);
  });

  it('lets only the DPO and the sysadmin see the background jobs and start one now', () => {
    for (const role of ['dpo', 'sysadmin'] as const) {
      expect(me(role).can('read', 'Job')).toBe(true);
      expect(me(role).can('run', subject('Job', { name: 'access-log-purge' }))).toBe(true);
    }
    for (const role of ['support', 'security', 'auditor'] as const) {
      expect(me(role).can('read', 'Job')).toBe(false);
      expect(me(role).can('run', subject('Job', { name: 'access-log-purge' }))).toBe(false);
    }
  });
});

describe('row-independent decisions', () => {
  it('knows an action is decided by its type only when no rule for it has conditions or fields', () => {
    // Every rule on people is unconditional today: the profile may write its event before the row.
    for (const role of ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as Role[]) {
      expect(decidedWithoutRow(me(role), ['read', 'revealPhi'], 'Subject')).toBe(true);
    }
    // A condition on the row (the DPO may not approve what they prepared) or on fields is not.
    expect(decidedWithoutRow(me('dpo'), ['read'], 'RightsRequest')).toBe(true);
    expect(decidedWithoutRow(me('dpo'), ['read', 'approve'], 'RightsRequest')).toBe(false);
    expect(decidedWithoutRow(me('support'), ['update'], 'RightsRequest')).toBe(false);
    expect(decidedWithoutRow(me('auditor'), ['read'], 'Complaint')).toBe(false);
  });

  it('throws the same ForbiddenError as CASL, and only when refused', () => {
    const dpo = me('dpo');
    expect(() => throwUnlessCan(dpo, 'read', 'Subject')).not.toThrow();
    expect(() => throwUnlessCan(dpo, 'approve', subject('RightsRequest', { preparedById: 'me' }))).toThrow(
      ForbiddenError,
    );
    expect(() => throwUnlessCan(me('auditor'), 'read', 'Subject')).toThrow(ForbiddenError);
  });
});
