import { Injectable } from '@nestjs/common';
import type { ObligationEngine } from './incident-ports';
import type { ClockView } from './incident-types';
import {
  clockOf,
  reconcile,
  requiredObligations,
  type IncidentFacts,
  type NotificationRule,
  type Reconciliation,
  type RequiredObligation,
  type StoredObligation,
} from './obligations/notification-engine';
import { NotificationRulesService } from './obligations/notification-rules.service';

/** The notification engine behind the core's port: the rules table and the pure functions. */
@Injectable()
export class EngineObligations implements ObligationEngine {
  constructor(private readonly rulesService: NotificationRulesService) {}

  rules(): Promise<NotificationRule[]> {
    return this.rulesService.rules();
  }

  requiredObligations(facts: IncidentFacts, rules: NotificationRule[], timeZone: string): RequiredObligation[] {
    return requiredObligations(facts, rules, timeZone);
  }

  reconcile(stored: StoredObligation[], required: RequiredObligation[]): Reconciliation {
    return reconcile(stored, required);
  }

  clockOf(dueAt: Date | null, now: Date): ClockView {
    return clockOf(dueAt, now);
  }
}
