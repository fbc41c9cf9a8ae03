import { Injectable } from '@nestjs/common';
import type { DeadlineState } from '../calendar/deadline';
import { calendarDaysBetween, type LocalDate } from '../calendar/local-date';
import { missingTerms } from './register-rules';
import type { LocalizedText, ProcessorRow, TransferRow } from './register-types';

export type AlertCode =
  | 'DPA_EXPIRING'
  | 'INSPECTION_OVERDUE'
  | 'TRANSFER_WITHOUT_BASIS'
  | 'CONTRACT_TERMS_MISSING'
  | 'SUSPENDED_TRANSFER_IN_USE';

export interface RegisterAlert {
  id: string;
  code: AlertCode;
  severity: 'warning' | 'critical';
  register: 'processors' | 'transfers';
  rowId: string;
  policyId: string;
  label: LocalizedText;
  dueOn?: string;
  daysLeft?: number;
  missing?: string[];
}

export const DPA_WARNING_DAYS = 30;

/** A register row's legal date as the API sends it: the UI shows these, it does not count days. */
export interface RegisterDeadline {
  dueOn: LocalDate;
  /** Calendar days from today in the organisation's time zone; negative once past. */
  daysLeft: number;
  state: DeadlineState;
}

/** When the processor's DPA runs out: at risk 30 days before, overdue once expired. Null once ended. */
export function dpaDeadline(p: ProcessorRow, today: LocalDate): RegisterDeadline | null {
  if (p.dpaExpiresOn === null || p.status === 'ended') return null;
  const daysLeft = calendarDaysBetween(today, p.dpaExpiresOn);
  const state = daysLeft < 0 ? 'overdue' : daysLeft <= DPA_WARNING_DAYS ? 'at_risk' : 'on_time';
  return { dueOn: p.dpaExpiresOn, daysLeft, state };
}

/** When the processor is next to be inspected: overdue the day after. Null once ended. */
export function inspectionDeadline(p: ProcessorRow, today: LocalDate): RegisterDeadline | null {
  if (p.nextInspectionDue === null || p.status === 'ended') return null;
  const daysLeft = calendarDaysBetween(today, p.nextInspectionDue);
  return { dueOn: p.nextInspectionDue, daysLeft, state: daysLeft < 0 ? 'overdue' : 'on_time' };
}

/** The register problems the DPO's home screen shows, computed from the rows as they are today. */
@Injectable()
export class RegisterAlertCalculator {
  alerts(processors: ProcessorRow[], transfers: TransferRow[], today: LocalDate): RegisterAlert[] {
    const alerts: RegisterAlert[] = [];
    const byId = new Map(processors.map((p) => [p.id, p]));
    for (const p of processors) {
      if (p.status === 'ended') continue;
      const base = { register: 'processors' as const, rowId: p.id, policyId: p.policyId, label: p.recipient };
      const dpa = dpaDeadline(p, today);
      if (dpa !== null && dpa.state !== 'on_time') {
        alerts.push({
          ...base,
          id: `DPA_EXPIRING:${p.id}`,
          code: 'DPA_EXPIRING',
          severity: dpa.state === 'overdue' ? 'critical' : 'warning',
          dueOn: dpa.dueOn,
          daysLeft: dpa.daysLeft,
        });
      }
      const inspection = inspectionDeadline(p, today);
      if (inspection !== null && inspection.state === 'overdue') {
        alerts.push({
          ...base,
          id: `INSPECTION_OVERDUE:${p.id}`,
          code: 'INSPECTION_OVERDUE',
          severity: 'warning',
          dueOn: inspection.dueOn,
          daysLeft: inspection.daysLeft,
        });
      }
      // A sub-processor works for an active processor whatever its own status: its terms matter now.
      const parent = p.parentId === null ? undefined : byId.get(p.parentId);
      const inEffect = p.status === 'active' || (parent !== undefined && parent.status === 'active');
      const missing = missingTerms(p.contractTerms);
      if (inEffect && missing.length > 0) {
        alerts.push({
          ...base,
          id: `CONTRACT_TERMS_MISSING:${p.id}`,
          code: 'CONTRACT_TERMS_MISSING',
          severity: 'critical',
          missing,
        });
      }
    }
    for (const t of transfers) {
      if (!t.inUse) continue;
      const base = { register: 'transfers' as const, rowId: t.id, policyId: t.policyId, label: t.recipient };
      const missing = [
        ...((t.pipaBasis as string | null) === null ? ['pipaBasis'] : []),
        ...(t.gdprMechanism === null ? ['gdprMechanism'] : []),
      ];
      if (missing.length > 0) {
        alerts.push({
          ...base,
          id: `TRANSFER_WITHOUT_BASIS:${t.id}`,
          code: 'TRANSFER_WITHOUT_BASIS',
          severity: 'critical',
          missing,
        });
      }
      if (t.suspended) {
        alerts.push({
          ...base,
          id: `SUSPENDED_TRANSFER_IN_USE:${t.id}`,
          code: 'SUSPENDED_TRANSFER_IN_USE',
          severity: 'critical',
        });
      }
    }
    // Critical first, then the most pressing date; alerts without a date lead their group.
    const rank = (a: RegisterAlert) => (a.severity === 'critical' ? 0 : 1);
    const days = (a: RegisterAlert) => a.daysLeft ?? Number.MIN_SAFE_INTEGER;
    return alerts.sort((a, b) => rank(a) - rank(b) || days(a) - days(b) || a.id.localeCompare(b.id));
  }
}
