import { AbilityBuilder, createMongoAbility, ForbiddenError, MongoAbility } from '@casl/ability';
import { packRules, PackRule } from '@casl/ability/extra';
import type { Role } from './roles';

export type Action =
  | 'manage'
  | 'read'
  | 'create'
  | 'update'
  | 'delete'
  // staff administration
  | 'changeRole'
  | 'disable'
  | 'enable'
  | 'unlock'
  | 'resetMfa'
  | 'endSession'
  // personal data
  | 'reveal'
  | 'revealPhi'
  | 'accountAction'
  // decisions and reviews
  | 'approve'
  | 'reject'
  | 'extend'
  | 'close'
  // giving a piece of work to a staff member (rights requests)
  | 'assign'
  | 'verify'
  | 'signOff'
  | 'export'
  // complaints
  | 'assign'
  | 'resolve'
  | 'escalate'
  // incidents: the notification decisions (DPO) and sending notices
  | 'decide'
  | 'notify'
  // background jobs
  | 'run';

export type SubjectType =
  | 'all'
  | 'Staff'
  | 'StaffSession'
  | 'Subject'
  // A compliance finding as work (owner, status); read with the people it is about.
  | 'ComplianceFinding'
  | 'RightsRequest'
  | 'Complaint'
  | 'Register'
  | 'LegalDisclosure'
  | 'RetentionRule'
  | 'LegalHold'
  // The destruction queue, its runs and their certificates (F9).
  | 'Destruction'
  // An account's way to dormancy: notice, separation, reactivation (F9).
  | 'DormancyCase'
  | 'AccessLog'
  | 'AccessLogReview'
  | 'Incident'
  | 'IncidentSubject'
  // The checklist templates (the incident response plan), versioned.
  | 'IncidentTemplate'
  | 'Holiday'
  | 'Job'
  | 'MessageTemplate'
  | 'OutboxMessage'
  // A role's home screen of figures (counts only), read by that role.
  | 'Dashboard';

// Rows are checked as plain objects tagged with their type (CASL's `subject()`).
export type AppAbility = MongoAbility<[Action, SubjectType | object]>;

export interface AbilityOwner {
  id: string;
  role: Role;
}

/**
 * The one role-to-rules map (DESIGN.md, Roles). Deny by default: a role has exactly what is
 * granted here. Conditions are checked on the loaded row by the services.
 */
export function defineAbilityFor(staff: AbilityOwner): AppAbility {
  const { can, cannot, build } = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Everyone reads their own role's dashboard, and no other.
  can('read', 'Dashboard', { role: staff.role });
  switch (staff.role) {
    case 'dpo':
      can('manage', ['RightsRequest', 'Complaint', 'Register', 'RetentionRule', 'LegalHold', 'LegalDisclosure']);
      // The holiday calendars every deadline counts on (substitute and temporary holidays by hand).
      can('manage', 'Holiday');
      // Letters, notices and messages, and the record of what went out.
      can(['read', 'update'], 'MessageTemplate');
      can('read', 'OutboxMessage');
      // Four eyes: nobody approves work they prepared themselves.
      cannot('approve', 'RightsRequest', { preparedById: staff.id });
      can(['read', 'verify', 'export'], 'AccessLog');
      can(['read', 'signOff'], 'AccessLogReview');
      can(['read', 'reveal', 'revealPhi'], 'Subject');
      // An access or portability package: everything the person holds, decrypted (F7).
      can('export', 'Subject');
      // Findings become work: the DPO assigns them, moves them, resolves them or accepts the risk.
      can(['read', 'update'], 'ComplianceFinding');
      // The background jobs (retention purges and scans are theirs to watch), and starting one now.
      can(['read', 'run'], 'Job');
      // Incidents: the DPO decides the notifications (the EU risk assessment, "not required"
      // with reasons), drafts and sends the notices, marks them done, and may close.
      can(['read', 'update', 'decide', 'notify', 'close'], 'Incident');
      can(['read', 'create'], 'IncidentSubject');
      can('read', 'IncidentTemplate');
      // Retention: the queue and its preview, the runs and their certificates; the dormancy pipeline.
      can('read', ['Destruction', 'DormancyCase']);
      break;
    case 'support':
      can(['read', 'reveal', 'accountAction'], 'Subject');
      can('read', 'ComplianceFinding');
      can('create', ['RightsRequest', 'Complaint']);
      can(['read', 'update'], 'RightsRequest', { assigneeId: staff.id });
      can('read', ['Register', 'Holiday', 'RetentionRule']);
      // The dormancy pipeline: support reactivates an account (Subject accountAction) after an identity check.
      can('read', 'DormancyCase');
      break;
    case 'security':
      can('manage', 'Incident');
      // The notification decisions are the DPO's (DESIGN.md, Roles); security runs everything else.
      cannot('decide', 'Incident');
      // Affected people are seen masked (ids, masked name and contact), never their records.
      can(['read', 'create'], 'IncidentSubject');
      can('manage', 'IncidentTemplate');
      can(['read', 'verify'], 'AccessLog');
      // The monthly review's anomalies are where an unauthorised-access incident starts; the
      // sign-off and the explanations stay the DPO's.
      can('read', 'AccessLogReview');
      can('read', ['Register', 'Holiday', 'RetentionRule']);
      // An incident's data may be held from destruction: security sees the holds, the DPO places them.
      can('read', 'LegalHold');
      // Breach notices go out through the outbox: security sees whether they left.
      can('read', ['MessageTemplate', 'OutboxMessage']);
      break;
    case 'sysadmin':
      can(['read', 'create', 'changeRole', 'disable', 'enable', 'unlock', 'resetMfa'], 'Staff');
      can(['read', 'endSession'], 'StaffSession');
      // Nobody changes their own role or locks themselves out.
      cannot(['changeRole', 'disable', 'resetMfa'], 'Staff', { id: staff.id });
      // Deadlines and business days are everyone's working context.
      can('read', 'Holiday');
      // Keeping the background jobs running is operations work.
      can(['read', 'run'], 'Job');
      break;
    case 'auditor':
      can('read', [
        'AccessLog',
        'AccessLogReview',
        'Register',
        'RightsRequest',
        'Incident',
        'IncidentTemplate',
        'LegalDisclosure',
        'Holiday',
        'RetentionRule',
        'LegalHold',
        'Destruction',
        'DormancyCase',
      ]);
      // Complaints as records: what, when, how it went; not the complainant's words (they may name people).
      can('read', 'Complaint');
      cannot('read', 'Complaint', ['summary', 'resolution', 'escalationNotes']);
      break;
    default: {
      const unknown: never = staff.role;
      throw new Error(`Unknown role ${String(unknown)}`);
    }
  }
  return build();
}

/**
 * `ForbiddenError.from(ability).throwUnlessCan(...)`, with the error built only when it is thrown:
 * building it captures a stack trace, a cost on every allowed request of the hot reads.
 */
export function throwUnlessCan(ability: AppAbility, ...args: Parameters<AppAbility['can']>): void {
  if (!ability.can(...args)) ForbiddenError.from(ability).throwUnlessCan(...args);
}

/**
 * Whether these actions on a type are decided without the row: no rule for them has conditions or
 * fields, so `can(action, type)` is the answer for every row of it. A caller may then act on the
 * answer before loading the row (and still checks the loaded row).
 */
export function decidedWithoutRow(ability: AppAbility, actions: readonly Action[], type: SubjectType): boolean {
  return actions.every((action) =>
    ability.possibleRulesFor(action, type).every((rule) => rule.conditions === undefined && rule.fields === undefined),
  );
}

/** The rules in CASL's packed form, for the console to hide what a role cannot do. */
export function packedRulesFor(ability: AppAbility): PackRule<AppAbility['rules'][number]>[] {
  return packRules(ability.rules);
}
