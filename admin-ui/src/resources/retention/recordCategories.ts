// The server's catalogue of record categories (server/src/retention/retention-types.ts), in its own
// module: only the forms need it, and its Object.keys call would otherwise stay in the first download.
import type { RetentionAction, RetentionTrigger } from './retentionTypes';

/** The server's catalogue (server/src/retention/retention-types.ts): per category, its triggers and actions. */
export const RECORD_CATEGORIES: Record<
  string,
  { triggers: readonly RetentionTrigger[]; actions: readonly RetentionAction[] }
> = {
  contract_records: { triggers: ['withdrawal'], actions: ['destroy'] },
  payments: { triggers: ['transaction_date'], actions: ['destroy', 'pseudonymise'] },
  visit_logs: { triggers: ['collection'], actions: ['destroy', 'pseudonymise'] },
  counseling_results: { triggers: ['counseling_end'], actions: ['destroy'] },
  expert_provision: { triggers: ['counseling_end'], actions: ['destroy'] },
  accounts: { triggers: ['last_login'], actions: ['separate'] },
};
export const RECORD_CATEGORY_CODES = Object.keys(RECORD_CATEGORIES);
