/// <reference types="jest" />
import { defineAbilityFor, packedRulesFor } from '../../../../server/src/authorization/abilities';
import { buildAbility, canAccessWith } from '../../providers/access';
import { DISCLOSURES, EDITABLE_REGISTERS, POLICIES, PROCESSORS } from './registerResources';

/** The console's ability for a role, built from the server's own packed rules. */
const abilityOf = (role: 'dpo' | 'support' | 'security' | 'sysadmin' | 'auditor') =>
  buildAbility(packedRulesFor(defineAbilityFor({ id: '00000000-0000-4000-8000-000000000001', role })) as never);

const can = (role: Parameters<typeof abilityOf>[0], resource: string, action: string) =>
  canAccessWith(abilityOf(role), { resource, action });

describe('the registers in the console, by role', () => {
  it('lets the DPO list, create and edit every register', () => {
    for (const resource of [...EDITABLE_REGISTERS, POLICIES]) {
      expect([resource, can('dpo', resource, 'list')]).toEqual([resource, true]);
      expect([resource, can('dpo', resource, 'create')]).toEqual([resource, true]);
    }
    for (const resource of EDITABLE_REGISTERS)
      expect([resource, can('dpo', resource, 'edit')]).toEqual([resource, true]);
  });

  it.each(['support', 'security', 'auditor'] as const)('shows %s the registers read-only', (role) => {
    expect(can(role, PROCESSORS, 'list')).toBe(true);
    expect(can(role, PROCESSORS, 'show')).toBe(true);
    expect(can(role, PROCESSORS, 'create')).toBe(false);
    expect(can(role, PROCESSORS, 'edit')).toBe(false);
    expect(can(role, POLICIES, 'create')).toBe(false);
  });

  it('shows the legal disclosures to the DPO and the auditor only', () => {
    expect(can('dpo', DISCLOSURES, 'list')).toBe(true);
    expect(can('auditor', DISCLOSURES, 'list')).toBe(true);
    expect(can('auditor', DISCLOSURES, 'edit')).toBe(false);
    expect(can('support', DISCLOSURES, 'list')).toBe(false);
    expect(can('security', DISCLOSURES, 'list')).toBe(false);
  });

  it('gives a sysadmin no register at all', () => {
    for (const resource of [...EDITABLE_REGISTERS, POLICIES]) {
      expect([resource, can('sysadmin', resource, 'list')]).toEqual([resource, false]);
    }
  });
});
