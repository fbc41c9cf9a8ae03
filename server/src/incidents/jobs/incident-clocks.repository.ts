import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Transactions } from '../../database/transactions';

export type Escalation = 'due_soon' | 'overdue';

export interface EscalationCandidate {
  id: string;
  incidentId: string;
  code: string;
  dueAt: Date;
  escalation: Escalation | null;
}

export interface OpenClockRow {
  incidentId: string;
  reference: string;
  title: string;
  code: string;
  dueAt: Date;
  escalation: Escalation | null;
}

/** The pending notification clocks: what the escalation job marks and the dashboards show. */
@Injectable()
export class IncidentClocksRepository {
  constructor(private readonly tx: Transactions) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.tx.run(work);
  }

  /**
   * Pending clocks of open incidents that have reached a step not yet marked: past due and not
   * yet 'overdue', or due before `soonBefore` and not yet marked at all. Claimed (SKIP LOCKED) so
   * two instances never mark the same step.
   */
  toEscalate(now: Date, soonBefore: Date): Promise<EscalationCandidate[]> {
    return this.tx.manager.query(
      `SELECT ob.id, ob.incident_id AS "incidentId", ob.code, ob.due_at AS "dueAt", ob.escalation
       FROM incident_obligations ob JOIN incidents i ON i.id = ob.incident_id
       WHERE ob.status = 'pending' AND ob.due_at IS NOT NULL AND i.status <> 'closed'
         AND ((ob.due_at <= $1 AND ob.escalation IS DISTINCT FROM 'overdue')
           OR (ob.due_at > $1 AND ob.due_at < $2 AND ob.escalation IS NULL))
       ORDER BY ob.due_at, ob.id
       LIMIT 1000
       FOR UPDATE OF ob SKIP LOCKED`,
      [now, soonBefore],
    );
  }

  async markEscalated(id: string, escalation: Escalation, at: Date): Promise<void> {
    await this.tx.manager.query(
      `UPDATE incident_obligations SET escalation = $2, escalated_at = $3, updated_at = $3 WHERE id = $1`,
      [id, escalation, at],
    );
  }

  async openCount(): Promise<number> {
    const [{ open }]: { open: number }[] = await this.tx.manager.query(
      `SELECT count(*)::int AS open FROM incidents WHERE status <> 'closed'`,
    );
    return open;
  }

  /** Each open incident's nearest pending clock, nearest first. */
  nearestClocks(limit: number): Promise<OpenClockRow[]> {
    return this.tx.manager.query(
      `SELECT * FROM (
         SELECT DISTINCT ON (i.id) i.id AS "incidentId", i.reference, i.title, ob.code, ob.due_at AS "dueAt",
                ob.escalation
         FROM incidents i JOIN incident_obligations ob ON ob.incident_id = i.id
         WHERE i.status <> 'closed' AND ob.status = 'pending' AND ob.due_at IS NOT NULL
         ORDER BY i.id, ob.due_at, ob.code) nearest
       ORDER BY "dueAt", reference
       LIMIT $1`,
      [limit],
    );
  }
}
