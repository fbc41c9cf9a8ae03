import { subject } from '@casl/ability';
import { defineAbilityFor, packedRulesFor } from './abilities';
import { AbilityCache } from './ability-cache';

describe('AbilityCache', () => {
  it('builds one ability per role and staff member, and hands the same one out again', () => {
    const cache = new AbilityCache();
    const first = cache.abilityFor({ id: 'ann', role: 'dpo' });
    expect(cache.abilityFor({ id: 'ann', role: 'dpo' })).toBe(first);
    expect(cache.abilityFor({ id: 'ann', role: 'auditor' })).not.toBe(first);
  });

  it("keys the rules that compare rows with the staff member's id by that id", () => {
    const cache = new AbilityCache();
    const ann = cache.abilityFor({ id: 'ann', role: 'support' });
    const bob = cache.abilityFor({ id: 'bob', role: 'support' });
    expect(ann.can('update', subject('RightsRequest', { assigneeId: 'ann' }))).toBe(true);
    expect(bob.can('update', subject('RightsRequest', { assigneeId: 'ann' }))).toBe(false);
    expect(bob.can('update', subject('RightsRequest', { assigneeId: 'bob' }))).toBe(true);

    const dpoAnn = cache.abilityFor({ id: 'ann', role: 'dpo' });
    const dpoBob = cache.abilityFor({ id: 'bob', role: 'dpo' });
    expect(dpoAnn.can('approve', subject('RightsRequest', { preparedById: 'ann' }))).toBe(false);
    expect(dpoBob.can('approve', subject('RightsRequest', { preparedById: 'ann' }))).toBe(true);
  });

  it('gives the rules of the role a person has now, after a role change', () => {
    const cache = new AbilityCache();
    expect(cache.abilityFor({ id: 'cy', role: 'support' }).can('read', 'AccessLog')).toBe(false);
    expect(cache.abilityFor({ id: 'cy', role: 'auditor' }).can('read', 'AccessLog')).toBe(true);
  });

  it('packs the same rules as the ability built afresh, once per ability', () => {
    const cache = new AbilityCache();
    const ability = cache.abilityFor({ id: 'dee', role: 'sysadmin' });
    const packed = cache.packedRulesOf(ability);
    expect(packed).toEqual(packedRulesFor(defineAbilityFor({ id: 'dee', role: 'sysadmin' })));
    expect(cache.packedRulesOf(ability)).toBe(packed);
  });
});
