import { minutesBetween } from '../../calendar/local-date';

export type ClockState = 'on_time' | 'due_soon' | 'overdue';

export interface ClockView {
  dueAt: string | null;
  /** Whole hours left, truncated toward zero; negative once past due. */
  hoursLeft: number | null;
  state: ClockState | null;
}

/** Under a day left: the dashboards show the clock amber and the escalation job marks it. */
export const DUE_SOON_MINUTES = 24 * 60;

/** A pending obligation's clock now, as the engine counts it (obligations/notification-engine.ts clockOf). */
export function clockOf(dueAt: Date | null, now: Date): ClockView {
  if (dueAt === null) return { dueAt: null, hoursLeft: null, state: null };
  const minutesLeft = minutesBetween(now, dueAt);
  const hoursLeft = Math.trunc(minutesLeft / 60);
  const state = now >= dueAt ? 'overdue' : minutesLeft < DUE_SOON_MINUTES ? 'due_soon' : 'on_time';
  return { dueAt: dueAt.toISOString(), hoursLeft: hoursLeft === 0 ? 0 : hoursLeft, state };
}
