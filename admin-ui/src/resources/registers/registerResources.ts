// react-admin resource names of the registers, which are also their API paths under /api.

export const POLICIES = 'registers/policies';
export const PROCESSORS = 'registers/processors';
export const PROVISIONS = 'registers/provisions';
export const TRANSFERS = 'registers/transfers';
export const ACTIVITIES = 'registers/activities';
/** Retention rules live with retention (F9); registers refer to them by id. */
export const RETENTION_RULES = 'retention/rules';
export const DISCLOSURES = 'legal-disclosures';

/** The registers a person edits in the console (policies come from an imported profile). */
export const EDITABLE_REGISTERS = [PROCESSORS, PROVISIONS, TRANSFERS, ACTIVITIES, DISCLOSURES] as const;
export type EditableRegister = (typeof EDITABLE_REGISTERS)[number];

/**
 * The fields a write may send (API.md, "Send only writable fields"): everything else in a
 * row (id, timestamps, computed names) is refused by the server.
 */
export const WRITABLE_FIELDS: Record<EditableRegister, readonly string[]> = {
  [PROCESSORS]: [
    'policyId',
    'parentId',
    'position',
    'recipient',
    'contact',
    'task',
    'items',
    'protectionMeasures',
    'retention',
    'country',
    'contractTerms',
    'dpaSignedOn',
    'dpaExpiresOn',
    'lastInspectionOn',
    'nextInspectionDue',
    'status',
  ],
  [PROVISIONS]: [
    'policyId',
    'position',
    'recipient',
    'purpose',
    'items',
    'retention',
    'legalBasis',
    'refusal',
    'status',
  ],
  [TRANSFERS]: [
    'policyId',
    'position',
    'recipient',
    'contact',
    'country',
    'items',
    'purpose',
    'retention',
    'timingMethod',
    'pipaBasis',
    'gdprMechanism',
    'derogation',
    'refusal',
    'suspended',
    'inUse',
  ],
  [ACTIVITIES]: [
    'policyId',
    'position',
    'section',
    'name',
    'purpose',
    'items',
    'legalBasis',
    'art9Condition',
    'subjectCategories',
    'dataCategories',
    'processorIds',
    'provisionIds',
    'transferIds',
    'retention',
    'retentionRuleId',
    'securityMeasures',
    'controllerContact',
    'dpoContact',
    'status',
  ],
  [DISCLOSURES]: [
    'subjectId',
    'authority',
    'basisType',
    'legalBasis',
    'requestReference',
    'items',
    'disclosedOn',
    'approvedById',
    'shareWithSubject',
    'notes',
  ],
};

/** Where an alert's or a diff's register name points in the console. */
export const RESOURCE_BY_REGISTER: Record<string, string> = {
  policies: POLICIES,
  processors: PROCESSORS,
  provisions: PROVISIONS,
  transfers: TRANSFERS,
  activities: ACTIVITIES,
  'retention-rules': RETENTION_RULES,
  disclosures: DISCLOSURES,
};

/** The API name of a register in export URLs ("processors" for registers/processors). */
export const exportPath = (resource: string): string =>
  resource === DISCLOSURES ? `/${DISCLOSURES}/export` : `/${resource}/export`;
