import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';

/** One obligation as the register and the report show it; times are local text in the organisation's zone. */
export interface RegisterObligation {
  code: string;
  regime: string;
  recipient: string;
  status: string;
  dueAt: string | null;
  doneAt: string | null;
  late: boolean;
  lateReason: string | null;
  decisionReasons: string | null;
  externalReference: string | null;
  escalation: string | null;
}

/** One incident as a line of the breach register (GDPR Art. 33(5)); times are local text. */
export interface RegisterRow {
  id: string;
  reference: string;
  title: string;
  description: string | null;
  status: string;
  detectedAt: string;
  awareAt: string;
  reporter: string;
  vector: string;
  systems: string[];
  processorCount: number;
  dataCategories: string[];
  regimes: string[];
  affectedEstimated: number;
  affectedConfirmed: number | null;
  usLargestStateCount: number | null;
  sensitiveData: boolean;
  uniqueIdentifiers: boolean;
  dataEncrypted: boolean;
  euRisk: string;
  euRiskReasons: string | null;
  riskLevel: string;
  ownerName: string | null;
  lessonsLearned: string | null;
  registerFacts: string | null;
  registerEffects: string | null;
  registerRemedialAction: string | null;
  closedAt: string | null;
  obligations: RegisterObligation[];
}

export interface ReportTask {
  phase: string;
  position: number;
  title: { ko: string; en: string };
  dueAt: string | null;
  completedAt: string | null;
  overdue: boolean;
}

export interface ReportTimelineEntry {
  at: string;
  kind: string;
  detail: Record<string, unknown>;
  actorName: string | null;
}

/** An instant as local text in the organisation's zone, e.g. 2026-11-03 10:00. */
const local = (column: string) => `to_char(${column} AT TIME ZONE $1, 'YYYY-MM-DD HH24:MI')`;

const SELECT_ROW = `
  SELECT i.id, i.reference, i.title, i.description, i.status,
         ${local('i.detected_at')} AS "detectedAt", ${local('i.aware_at')} AS "awareAt", i.reporter, i.vector,
         i.systems, cardinality(i.processor_ids) AS "processorCount", i.data_categories AS "dataCategories",
         i.regimes, i.affected_estimated AS "affectedEstimated", i.affected_confirmed AS "affectedConfirmed",
         i.us_largest_state_count AS "usLargestStateCount", i.sensitive_data AS "sensitiveData",
         i.unique_identifiers AS "uniqueIdentifiers", i.data_encrypted AS "dataEncrypted", i.eu_risk AS "euRisk",
         i.eu_risk_reasons AS "euRiskReasons", i.risk_level AS "riskLevel", o.display_name AS "ownerName",
         i.lessons_learned AS "lessonsLearned", i.register_facts AS "registerFacts",
         i.register_effects AS "registerEffects", i.register_remedial_action AS "registerRemedialAction",
         ${local('i.closed_at')} AS "closedAt",
         coalesce((
           SELECT json_agg(json_build_object(
                    'code', ob.code, 'regime', ob.regime, 'recipient', ob.recipient, 'status', ob.status,
                    'dueAt', ${local('ob.due_at')}, 'doneAt', ${local('ob.done_at')},
                    'late', coalesce(ob.done_at > ob.due_at, false), 'lateReason', ob.late_reason,
                    'decisionReasons', ob.decision_reasons, 'externalReference', ob.external_reference,
                    'escalation', ob.escalation)
                  ORDER BY ob.due_at NULLS LAST, ob.code)
           FROM incident_obligations ob WHERE ob.incident_id = i.id), '[]'::json) AS obligations
  FROM incidents i
  LEFT JOIN staff o ON o.id = i.owner_id`;

/**
 * Reads the incident tables for the breach register and the per-incident report. Read only: the
 * incidents core writes them.
 */
@Injectable()
export class IncidentRegisterRepository {
  constructor(private readonly tx: Transactions) {}

  /** Every incident aware in [from, to), reported or not, oldest first. */
  rows(range: { from: Date | null; to: Date | null }, timeZone: string): Promise<RegisterRow[]> {
    return this.tx.manager.query(
      `${SELECT_ROW}
       WHERE ($2::timestamptz IS NULL OR i.aware_at >= $2) AND ($3::timestamptz IS NULL OR i.aware_at < $3)
       ORDER BY i.aware_at, i.reference`,
      [timeZone, range.from, range.to],
    );
  }

  async find(id: string, timeZone: string): Promise<RegisterRow | null> {
    const rows: RegisterRow[] = await this.tx.manager.query(`${SELECT_ROW} WHERE i.id = $2`, [timeZone, id]);
    return rows[0] ?? null;
  }

  tasks(incidentId: string, timeZone: string, now: Date): Promise<ReportTask[]> {
    return this.tx.manager.query(
      `SELECT t.phase, t.position, t.title, ${local('t.due_at')} AS "dueAt", ${local('t.completed_at')} AS "completedAt",
              (t.completed_at IS NULL AND t.due_at < $3) OR coalesce(t.completed_at > t.due_at, false) AS overdue
       FROM incident_tasks t WHERE t.incident_id = $2 ORDER BY t.position, t.id`,
      [timeZone, incidentId, now],
    );
  }

  timeline(incidentId: string, timeZone: string): Promise<ReportTimelineEntry[]> {
    return this.tx.manager.query(
      `SELECT ${local('e.at')} AS at, e.kind, e.detail, s.display_name AS "actorName"
       FROM incident_timeline e LEFT JOIN staff s ON s.id = e.actor_id
       WHERE e.incident_id = $2 ORDER BY e.id`,
      [timeZone, incidentId],
    );
  }
}
