// Pure helpers of the request screens; no React, so tests load them without the UI.
import type { DeadlineState } from './requestTypes';

export const rk = (key: string) => `resources.rights-requests.${key}`;

/**
 * The words of a deadline chip for the days left the server counted: "D-3", "D-day", "3일 지남" in
 * Korean, "3 days left", "Due today", "3 days overdue" in English (the messages hold the wording).
 */
export const deadlineLabel = (daysLeft: number): { key: string; options: { smart_count?: number } } =>
  daysLeft < 0
    ? { key: rk('deadline.overdue'), options: { smart_count: -daysLeft } }
    : daysLeft === 0
      ? { key: rk('deadline.today'), options: {} }
      : { key: rk('deadline.left'), options: { smart_count: daysLeft } };

/** The chip's colour for the server's deadline state: the findings' and registers' colours. */
export const DEADLINE_COLOR: Record<DeadlineState, 'success' | 'warning' | 'error'> = {
  on_time: 'success',
  at_risk: 'warning',
  overdue: 'error',
};

/** The server's masked name of an erased person (subjects' Masking.ERASED): shown in the console's words. */
const ERASED_NAME = '(erased)';

/** The person's masked name, or null once they were erased (the caller shows its own words). */
export const shownName = (name: string | null | undefined): string | null =>
  name === null || name === undefined || name === ERASED_NAME ? null : name;
