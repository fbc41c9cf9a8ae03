/// <reference types="jest" />
import { AbilityBuilder, createMongoAbility, type MongoAbility } from '@casl/ability';
import { packRules } from '@casl/ability/extra';
import { buildAbility, canAccessWith } from './access';

const SELF_ID = '00000000-0000-4000-8000-000000000001';
const OTHER_ID = '00000000-0000-4000-8000-000000000002';

/** Packed rules shaped like the server's for a role (DESIGN.md's table), as /api/auth/me sends them. */
const packedRulesFor = (role: 'sysadmin' | 'support' | 'dpo' | 'auditor') => {
  const { can, cannot, build } = new AbilityBuilder<MongoAbility>(createMongoAbility);
  if (role === 'dpo') {
    can(['read', 'verify', 'export'], 'AccessLog');
    can(['read', 'signOff'], 'AccessLogReview');
    can(['read', 'reveal', 'revealPhi'], 'Subject');
    can(['read', 'update'], 'ComplianceFinding');
  } else if (role === 'auditor') {
    can('read', ['AccessLog', 'AccessLogReview', 'Register']);
  } else if (role === 'sysadmin') {
    can(['read', 'create', 'changeRole', 'disable', 'enable', 'unlock', 'resetMfa'], 'Staff');
    can(['read', 'endSession'], 'StaffSession');
    cannot(['changeRole', 'disable', 'resetMfa'], 'Staff', { id: SELF_ID });
  } else {
    can(['read', 'reveal', 'accountAction'], 'Subject');
    can('read', ['Register', 'ComplianceFinding']);
  }
  return packRules(build().rules);
};

describe('canAccessWith', () => {
  const sysadmin = buildAbility(packedRulesFor('sysadmin'));
  const support = buildAbility(packedRulesFor('support'));

  it('lets a sysadmin list, show and invite staff', () => {
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'list' })).toBe(true);
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'show' })).toBe(true);
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'create' })).toBe(true);
  });

  it("maps react-admin's edit to changeRole, which a sysadmin may not do on their own row", () => {
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'edit', record: { id: OTHER_ID } })).toBe(true);
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'edit', record: { id: SELF_ID } })).toBe(false);
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'resetMfa', record: { id: SELF_ID } })).toBe(false);
    expect(canAccessWith(sysadmin, { resource: 'staff', action: 'unlock', record: { id: SELF_ID } })).toBe(true);
  });

  it('lets a sysadmin end sessions', () => {
    expect(canAccessWith(sysadmin, { resource: 'staff.sessions', action: 'endSession' })).toBe(true);
  });

  it('denies support every staff action', () => {
    for (const action of ['list', 'show', 'create', 'edit', 'disable', 'resetMfa']) {
      expect(canAccessWith(support, { resource: 'staff', action })).toBe(false);
    }
    expect(canAccessWith(support, { resource: 'staff.sessions', action: 'endSession' })).toBe(false);
  });

  it('denies a resource the console has no CASL subject for, whatever the rules', () => {
    expect(canAccessWith(support, { resource: 'no-such-resource', action: 'list' })).toBe(false);
  });

  it('denies everything with no rules', () => {
    expect(canAccessWith(buildAbility(undefined), { resource: 'staff', action: 'list' })).toBe(false);
  });

  describe('data subjects', () => {
    it('lets support and a DPO search subjects and list compliance findings', () => {
      const dpo = buildAbility(packedRulesFor('dpo'));
      for (const ability of [support, dpo]) {
        expect(canAccessWith(ability, { resource: 'subjects', action: 'list' })).toBe(true);
        expect(canAccessWith(ability, { resource: 'subjects', action: 'show' })).toBe(true);
        expect(canAccessWith(ability, { resource: 'compliance-findings', action: 'list' })).toBe(true);
      }
      expect(canAccessWith(support, { resource: 'subjects', action: 'accountAction' })).toBe(true);
      expect(canAccessWith(dpo, { resource: 'subjects', action: 'accountAction' })).toBe(false);
    });

    it('hides them from sysadmin and auditor', () => {
      const auditor = buildAbility(packedRulesFor('auditor'));
      for (const ability of [sysadmin, auditor]) {
        expect(canAccessWith(ability, { resource: 'subjects', action: 'list' })).toBe(false);
        expect(canAccessWith(ability, { resource: 'compliance-findings', action: 'list' })).toBe(false);
      }
    });
  });

  describe('the access log', () => {
    const dpo = buildAbility(packedRulesFor('dpo'));
    const auditor = buildAbility(packedRulesFor('auditor'));

    it('lets a DPO list, show and verify it', () => {
      expect(canAccessWith(dpo, { resource: 'access-log', action: 'list' })).toBe(true);
      expect(canAccessWith(dpo, { resource: 'access-log', action: 'show' })).toBe(true);
      expect(canAccessWith(dpo, { resource: 'access-log', action: 'verify' })).toBe(true);
    });

    it('lets an auditor read it but not verify it', () => {
      expect(canAccessWith(auditor, { resource: 'access-log', action: 'list' })).toBe(true);
      expect(canAccessWith(auditor, { resource: 'access-log', action: 'verify' })).toBe(false);
    });

    it("lets only a DPO download it: export is the server's CSV export, not react-admin's read", () => {
      expect(canAccessWith(dpo, { resource: 'access-log', action: 'export' })).toBe(true);
      expect(canAccessWith(auditor, { resource: 'access-log', action: 'export' })).toBe(false);
    });

    it('lets a DPO read and sign off the monthly review, and an auditor only read it', () => {
      expect(canAccessWith(dpo, { resource: 'access-log-review', action: 'read' })).toBe(true);
      expect(canAccessWith(dpo, { resource: 'access-log-review', action: 'signOff' })).toBe(true);
      expect(canAccessWith(auditor, { resource: 'access-log-review', action: 'read' })).toBe(true);
      expect(canAccessWith(auditor, { resource: 'access-log-review', action: 'signOff' })).toBe(false);
      expect(canAccessWith(support, { resource: 'access-log-review', action: 'read' })).toBe(false);
    });

    it('hides it from support and sysadmin', () => {
      expect(canAccessWith(support, { resource: 'access-log', action: 'list' })).toBe(false);
      expect(canAccessWith(sysadmin, { resource: 'access-log', action: 'show' })).toBe(false);
    });
  });
});
