export const ROLES = ['dpo', 'support', 'security', 'sysadmin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
