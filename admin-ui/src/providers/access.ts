import { createMongoAbility, subject as asSubject, type MongoAbility, type RawRuleOf } from '@casl/ability';
import { unpackRules, type PackRule } from '@casl/ability/extra';

/** The CASL ability the server sent for this staff member, unpacked. */
export type ConsoleAbility = MongoAbility;

type ConsoleRawRule = RawRuleOf<ConsoleAbility>;

export const buildAbility = (packedRules: PackRule<ConsoleRawRule>[] | undefined): ConsoleAbility =>
  createMongoAbility<ConsoleAbility>(unpackRules<ConsoleRawRule>(packedRules ?? []));

/**
 * react-admin resource name -> CASL subjects (any one granting is enough). Resources not
 * listed here are denied. `staff.sessions` is not a react-admin resource, only a name for
 * the sessions panel of a staff record; `access-log-review` names the monthly review page.
 */
const SUBJECTS_BY_RESOURCE: Record<string, string[]> = {
  staff: ['Staff'],
  'staff.sessions': ['StaffSession', 'Staff'],
  'access-log': ['AccessLog'],
  'access-log-review': ['AccessLogReview'],
  subjects: ['Subject'],
  'compliance-findings': ['ComplianceFinding'],
  // The complaint inbox (F7): the DPO works it, support records complaints, the auditor reads.
  complaints: ['Complaint'],
  // Rights requests (F7): the DPO decides; support creates and works on those assigned to them.
  'rights-requests': ['RightsRequest'],
  // Incidents (F8): security runs them, the DPO decides and notifies, the auditor reads.
  incidents: ['Incident'],
  // The registers (F4): read by dpo, support, security and auditor, changed by the dpo only.
  'registers/policies': ['Register'],
  'registers/processors': ['Register'],
  'registers/provisions': ['Register'],
  'registers/transfers': ['Register'],
  'registers/activities': ['Register'],
  'legal-disclosures': ['LegalDisclosure'],
  // Retention (F9): the DPO edits rules and holds; support reads rules and the dormancy pipeline
  // (reactivation is its F3 account action); security reads rules and holds; the auditor reads all.
  'retention/rules': ['RetentionRule'],
  'retention/holds': ['LegalHold'],
  'retention/queue': ['Destruction'],
  'retention/preview': ['Destruction'],
  'retention/runs': ['Destruction'],
  'retention/certificates': ['Destruction'],
  'retention/dormancy': ['DormancyCase'],
  // The holiday calendars (F6): read by every role, changed by the DPO.
  'calendar/holidays': ['Holiday'],
  // The background jobs and their runs (F6): DPO and sysadmin; `run` starts one now.
  jobs: ['Job'],
  'job-runs': ['Job'],
  // Templates and the outbox (F6): the DPO edits templates; the DPO and security read both.
  templates: ['MessageTemplate'],
  outbox: ['OutboxMessage'],
  // The incident response plan's checklists (F8): security edits them, the DPO and the auditor read.
  'incident-templates': ['IncidentTemplate'],
};

/** react-admin's generic actions -> CASL actions; any other action name is passed through. */
const ACTION_BY_RA_ACTION: Record<string, string> = {
  list: 'read',
  show: 'read',
  export: 'read',
  create: 'create',
  edit: 'changeRole',
};

/**
 * Per-resource exceptions to the map above. The access log's export is the server's audited
 * CSV download (CASL `export`, DPO only), not react-admin's export of rows already readable.
 */
const ACTION_OVERRIDES: Record<string, Record<string, string>> = {
  'access-log': { export: 'export' },
  // A register row is edited with CASL `update` (a new version), not the staff's role change.
  'registers/processors': { edit: 'update' },
  'registers/provisions': { edit: 'update' },
  'registers/transfers': { edit: 'update' },
  'registers/activities': { edit: 'update' },
  'legal-disclosures': { edit: 'update' },
  'calendar/holidays': { edit: 'update' },
  templates: { edit: 'update' },
  'incident-templates': { edit: 'update' },
  'compliance-findings': { edit: 'update' },
  'retention/rules': { edit: 'update' },
  'retention/holds': { edit: 'update' },
};

export const toCaslAction = (action: string, resource?: string): string =>
  (resource === undefined ? undefined : ACTION_OVERRIDES[resource]?.[action]) ?? ACTION_BY_RA_ACTION[action] ?? action;

export const toCaslSubjects = (resource: string): string[] => SUBJECTS_BY_RESOURCE[resource] ?? [];

/**
 * Answers react-admin's canAccess question with the CASL ability. When a record is
 * given, conditions in the rules are checked against that row.
 */
export const canAccessWith = (
  ability: ConsoleAbility,
  params: { resource: string; action: string; record?: Record<string, unknown> },
): boolean => {
  const action = toCaslAction(params.action, params.resource);
  return toCaslSubjects(params.resource).some((subjectType) =>
    params.record
      ? ability.can(action, asSubject(subjectType, { ...params.record }))
      : ability.can(action, subjectType),
  );
};
