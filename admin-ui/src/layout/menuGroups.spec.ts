/// <reference types="jest" />
// The server's own role-to-rules map, so that the menu is checked against the rules staff get.
import { defineAbilityFor, packedRulesFor } from '../../../server/src/authorization/abilities';
import { ROLES, type Role } from '../../../server/src/authorization/roles';
import { buildAbility, canAccessWith } from '../providers/access';
import { MENU_GROUPS, visibleGroups } from './menuGroups';

// The resources' definitions name react-admin components that are never rendered here; react-admin
// itself is an ES module jest's CommonJS runtime cannot load.
jest.mock('react-admin', () => ({}));

const menuFor = (role: Role) => {
  const ability = buildAbility(packedRulesFor(defineAbilityFor({ id: 'self', role })));
  return Object.fromEntries(
    visibleGroups(MENU_GROUPS, (entry) => canAccessWith(ability, entry.access)).map((group) => [
      group.key,
      group.items.map((entry) => entry.to),
    ]),
  );
};

describe('the side menu, grouped by work', () => {
  it('shows each role only the groups, and the screens, its rules let it open', () => {
    expect(menuFor('dpo')).toEqual({
      people: ['/subjects', '/rights-requests', '/compliance-findings'],
      complaints: ['/complaints', '/complaints/create', '/complaints-summary'],
      // The DPO decides and notifies; security opens incidents.
      incidents: ['/incidents', '/incident-templates'],
      registers: [
        '/registers/activities',
        '/registers/processors',
        '/registers/provisions',
        '/registers/transfers',
        '/legal-disclosures',
        '/registers/policies',
        '/policy-preview',
        '/calendar/holidays',
      ],
      retention: [
        '/retention/rules',
        '/retention/holds',
        '/retention/preview',
        '/retention/queue',
        '/retention/runs',
        '/retention/certificates',
        '/retention/dormancy',
      ],
      access_log: ['/access-log', '/integrity', '/access-review'],
      administration: ['/jobs', '/templates', '/outbox'],
    });
    expect(menuFor('support')).toEqual({
      people: ['/subjects', '/rights-requests', '/compliance-findings'],
      complaints: ['/complaints/create'],
      registers: [
        '/registers/activities',
        '/registers/processors',
        '/registers/provisions',
        '/registers/transfers',
        '/registers/policies',
        '/policy-preview',
        '/calendar/holidays',
      ],
      // Support reads the rules and works the dormancy pipeline (reactivation is its account action).
      retention: ['/retention/rules', '/retention/dormancy'],
    });
    expect(menuFor('sysadmin')).toEqual({
      registers: ['/calendar/holidays'],
      administration: ['/staff', '/jobs'],
    });
    expect(menuFor('security')).toMatchObject({ administration: ['/templates', '/outbox'] });
    expect(Object.keys(menuFor('security'))).toEqual([
      'incidents',
      'registers',
      'retention',
      'access_log',
      'administration',
    ]);
    // Security reads the rules and the legal holds (an incident may place one); the auditor reads everything.
    expect(menuFor('security').retention).toEqual(['/retention/rules', '/retention/holds']);
    expect(menuFor('auditor').retention).toEqual([
      '/retention/rules',
      '/retention/holds',
      '/retention/preview',
      '/retention/queue',
      '/retention/runs',
      '/retention/certificates',
      '/retention/dormancy',
    ]);
    expect(menuFor('sysadmin').retention).toBeUndefined();
    expect(menuFor('security').incidents).toEqual(['/incidents', '/incidents/create', '/incident-templates']);
    // Security reads the monthly review, where an unauthorised-access incident starts.
    expect(menuFor('security').access_log).toEqual(['/access-log', '/integrity', '/access-review']);
    expect(menuFor('auditor').incidents).toEqual(['/incidents', '/incident-templates']);
    expect(menuFor('support').incidents).toBeUndefined();
    expect(menuFor('auditor').access_log).toEqual(['/access-log', '/integrity', '/access-review']);
    // The auditor reads request records (without contact data), not people.
    expect(menuFor('auditor').people).toEqual(['/rights-requests']);
    expect(menuFor('security').people).toBeUndefined();
  });

  it('puts every screen in exactly one group', () => {
    const routes = MENU_GROUPS.flatMap((group) => group.items.map((entry) => entry.to));
    expect(new Set(routes).size).toBe(routes.length);
  });

  it('gives every role at least one group', () => {
    for (const role of ROLES) expect(Object.keys(menuFor(role)).length).toBeGreaterThan(0);
  });
});
