import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/transactions';

/** One organisation-local day of the access log, counted. */
export interface AccessLogDayCounts {
  date: string;
  denials: number;
  signInFailures: number;
  offHours: number;
  bulkReadHours: number;
  phiWithoutCase: number;
  downloadsWithoutReason: number;
}

/**
 * Aggregate counts of the access log for the home dashboards: numbers per day, never an event, an
 * actor or a subject. Kept apart from AuditRepository (which the sequencer and proofs own).
 */
@Injectable()
export class AccessLogFiguresRepository {
  constructor(private readonly tx: Transactions) {}

  /**
   * Per local day in [from, to) (instants; `firstDay`..`lastDay` their local dates): denials,
   * failed sign-ins and what the monthly review would flag, counted with the review's rules.
   */
  async dailyCounts(q: {
    from: Date;
    to: Date;
    firstDay: string;
    lastDay: string;
    timeZone: string;
    workStart: number;
    workEnd: number;
    bulkPerHour: number;
    phiFields: string[];
    phiResources: string[];
  }): Promise<AccessLogDayCounts[]> {
    const rows: AccessLogDayCounts[] = await this.tx.manager.query(
      `WITH ev AS (
         SELECT seq, (occurred_at AT TIME ZONE $3) AS local, actor_id, action, resource, outcome, canonical
         FROM audit_events WHERE occurred_at >= $1 AND occurred_at < $2),
       days AS (SELECT d::date AS day FROM generate_series($4::date, $5::date, interval '1 day') d),
       simple AS (
         SELECT local::date AS day,
                count(*) FILTER (WHERE action = 'deny') AS denials,
                count(*) FILTER (WHERE action = 'authenticate' AND outcome = 'failure') AS sign_in_failures,
                count(*) FILTER (
                  WHERE actor_id IS NOT NULL
                    AND action IN ('view', 'reveal', 'export', 'download', 'print', 'create', 'edit', 'delete')
                    AND (extract(hour FROM local) < $6 OR extract(hour FROM local) >= $7
                         OR extract(isodow FROM local) >= 6)) AS off_hours
         FROM ev GROUP BY 1),
       bulk AS (
         SELECT day, count(*) AS hours FROM (
           SELECT local::date AS day FROM ev
           WHERE actor_id IS NOT NULL AND action IN ('view', 'reveal', 'export', 'download', 'print')
           GROUP BY actor_id, date_trunc('hour', local), 1 HAVING count(*) > $8) b
         GROUP BY day),
       parsed AS (
         SELECT local::date AS day, action, resource, convert_from(canonical, 'UTF8')::jsonb AS e
         FROM ev WHERE action IN ('view', 'reveal', 'download', 'export', 'print')),
       flagged AS (
         SELECT day,
                count(*) FILTER (
                  WHERE action IN ('view', 'reveal')
                    AND (jsonb_exists_any(e -> 'fields', $9::text[]) OR resource = ANY($10::text[]))
                    AND coalesce(e -> 'detail' ->> 'caseId', '') = '') AS phi,
                count(*) FILTER (
                  WHERE action IN ('download', 'export', 'print') AND coalesce(e ->> 'purpose', '') = '') AS downloads
         FROM parsed GROUP BY day)
       SELECT to_char(days.day, 'YYYY-MM-DD') AS date,
              coalesce(simple.denials, 0)::int AS denials,
              coalesce(simple.sign_in_failures, 0)::int AS "signInFailures",
              coalesce(simple.off_hours, 0)::int AS "offHours",
              coalesce(bulk.hours, 0)::int AS "bulkReadHours",
              coalesce(flagged.phi, 0)::int AS "phiWithoutCase",
              coalesce(flagged.downloads, 0)::int AS "downloadsWithoutReason"
       FROM days
       LEFT JOIN simple ON simple.day = days.day
       LEFT JOIN bulk ON bulk.day = days.day
       LEFT JOIN flagged ON flagged.day = days.day
       ORDER BY days.day`,
      [
        q.from,
        q.to,
        q.timeZone,
        q.firstDay,
        q.lastDay,
        q.workStart,
        q.workEnd,
        q.bulkPerHour,
        q.phiFields,
        q.phiResources,
      ],
    );
    return rows;
  }

  /** The signed-off months among `months` (YYYY-MM), and the latest month ever signed off. */
  async signedMonths(months: string[]): Promise<{ signed: string[]; latest: string | null }> {
    const rows: { month: string; latest: string | null }[] = await this.tx.manager.query(
      `SELECT to_char(month, 'YYYY-MM') AS month, NULL AS latest FROM audit_reviews
       WHERE to_char(month, 'YYYY-MM') = ANY($1::text[])
       UNION ALL
       SELECT NULL, to_char(max(month), 'YYYY-MM') FROM audit_reviews`,
      [months],
    );
    return {
      signed: rows.filter((r) => r.month !== null).map((r) => r.month),
      latest: rows.find((r) => r.month === null)?.latest ?? null,
    };
  }

  /** The newest signed tree head: its size and time only. */
  async latestHead(): Promise<{ treeSize: number; signedAt: Date } | null> {
    const rows: { tree_size: string; signed_at: Date }[] = await this.tx.manager.query(
      'SELECT tree_size, signed_at FROM audit_heads ORDER BY tree_size DESC LIMIT 1',
    );
    return rows.length === 0 ? null : { treeSize: Number(rows[0].tree_size), signedAt: rows[0].signed_at };
  }
}
