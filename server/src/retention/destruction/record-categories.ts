import type { ErasureCategory } from '../../subjects/fulfilment/fulfilment-types';
import type { RecordCategory, RetentionAction } from '../retention-types';

/** The categories the destruction run acts on: every record category but the accounts (dormancy's). */
export type DestructibleCategory = Exclude<RecordCategory, 'accounts'>;

/**
 * One record category as SQL (contract §4). The period of a category's rule runs from each
 * record's trigger time; a record is due once that time is before the cutoff (the start of the
 * organisation day `today − period`), so a payment of 10 March 2021 kept five years is kept
 * through 10 March 2026 and destroyed from the 11th.
 *
 * - `records`: every record still held, as `(subject_id, at)`: whose it is (a record about a child
 *   is the child's, as the erasure path has it) and its trigger time. The scan and the preview
 *   wrap it in one set-based `… WHERE at < cutoff GROUP BY subject_id`, never a query per person.
 * - `destroy` / `pseudonymise`: the due records of the people in `$1` (uuid[]), `$2` the cutoff,
 *   returning each touched record's owner as `subject_id` (the counts per person of a batch); run
 *   by the subjects' fulfilment service (F7's erasure path) for one person or a batch of them.
 */
export interface RecordCategorySql {
  /** The F7 erasure category the records belong to (its key, its presence rules). */
  erasureCategory: ErasureCategory;
  records: string;
  destroy: readonly string[];
  /** Where the catalogue allows it: the records not yet pseudonymised, and how to. */
  pseudonymise?: { records: string; statements: readonly string[] };
}

export const RECORD_CATEGORY_SQL: Record<DestructibleCategory, RecordCategorySql> = {
  // The terms agreed by an account that has been withdrawn, kept from the withdrawal (전자상거래법
  // 시행령 제6조: contracts and their withdrawal, 5 years).
  contract_records: {
    erasureCategory: 'consents',
    records: `SELECT c.subject_id, s.withdrawn_at AS at FROM subject_consents c
              JOIN subjects s ON s.id = c.subject_id WHERE s.withdrawn_at IS NOT NULL`,
    destroy: [
      `DELETE FROM subject_consents c USING subjects s
       WHERE c.subject_id = ANY ($1::uuid[]) AND s.id = c.subject_id AND s.withdrawn_at < $2 RETURNING c.subject_id`,
    ],
  },
  payments: {
    erasureCategory: 'payments',
    records: `SELECT subject_id, paid_at AS at FROM subject_payments`,
    destroy: [`DELETE FROM subject_payments WHERE subject_id = ANY ($1::uuid[]) AND paid_at < $2 RETURNING subject_id`],
    // What stays is the amount, currency, method and time: the card and the booking it paid for go.
    pseudonymise: {
      records: `SELECT subject_id, paid_at AS at FROM subject_payments WHERE card_mask IS NOT NULL OR booking_id IS NOT NULL`,
      statements: [
        `UPDATE subject_payments SET card_mask = NULL, booking_id = NULL
         WHERE subject_id = ANY ($1::uuid[]) AND paid_at < $2 AND (card_mask IS NOT NULL OR booking_id IS NOT NULL)
         RETURNING subject_id`,
      ],
    },
  },
  visit_logs: {
    erasureCategory: 'devices',
    records: `SELECT subject_id, last_seen_at AS at FROM subject_devices`,
    destroy: [
      `DELETE FROM subject_devices WHERE subject_id = ANY ($1::uuid[]) AND last_seen_at < $2 RETURNING subject_id`,
    ],
    // The device kind, OS, app version and country stay for statistics; what points at a device goes.
    pseudonymise: {
      records: `SELECT subject_id, last_seen_at AS at FROM subject_devices
                WHERE model IS NOT NULL OR ip IS NOT NULL OR carrier IS NOT NULL OR city IS NOT NULL
                  OR advertising_id_mask IS NOT NULL`,
      statements: [
        `UPDATE subject_devices SET model = NULL, ip = NULL, carrier = NULL, city = NULL, advertising_id_mask = NULL
         WHERE subject_id = ANY ($1::uuid[]) AND last_seen_at < $2
           AND (model IS NOT NULL OR ip IS NOT NULL OR carrier IS NOT NULL OR city IS NOT NULL
                OR advertising_id_mask IS NOT NULL)
         RETURNING subject_id`,
      ],
    },
  },
  // Results are PHI sealed under the owner's key: the rows go, and their ciphertext in any backup
  // becomes unreadable once the key is shredded with the person.
  counseling_results: {
    erasureCategory: 'counseling',
    records: `SELECT coalesce(child_id, subject_id) AS subject_id, coalesce(counseling_ended_at, session_at) AS at
              FROM subject_counseling_records WHERE kind = 'result'`,
    destroy: [
      `DELETE FROM subject_counseling_records
       WHERE ((subject_id = ANY ($1::uuid[]) AND child_id IS NULL) OR child_id = ANY ($1::uuid[])) AND kind = 'result'
         AND coalesce(counseling_ended_at, session_at) < $2
       RETURNING coalesce(child_id, subject_id) AS subject_id`,
    ],
  },
  // What the counselor was given with a booking is its topic; the booking stays (payments and the
  // counselor's side point at it) with the topic gone, as an erasure leaves it.
  expert_provision: {
    erasureCategory: 'bookings',
    records: `SELECT coalesce(child_id, client_id) AS subject_id, coalesce(ended_at, scheduled_at) AS at
              FROM subject_bookings WHERE topic IS NOT NULL OR topic_cipher IS NOT NULL`,
    destroy: [
      `UPDATE subject_bookings SET topic = NULL, topic_cipher = NULL, topic_sealed_under = NULL
       WHERE ((client_id = ANY ($1::uuid[]) AND child_id IS NULL) OR child_id = ANY ($1::uuid[]))
         AND (topic IS NOT NULL OR topic_cipher IS NOT NULL) AND coalesce(ended_at, scheduled_at) < $2
       RETURNING coalesce(child_id, client_id) AS subject_id`,
    ],
  },
};

export function isDestructible(category: string | null): category is DestructibleCategory {
  return category !== null && Object.hasOwn(RECORD_CATEGORY_SQL, category);
}

/** The records `action` still applies to, and the statements that carry it out on one person's due ones. */
export function sqlOf(
  category: DestructibleCategory,
  action: RetentionAction,
): { records: string; statements: readonly string[] } {
  const sql = RECORD_CATEGORY_SQL[category];
  if (action === 'destroy') return { records: sql.records, statements: sql.destroy };
  if (action === 'pseudonymise' && sql.pseudonymise !== undefined) return sql.pseudonymise;
  throw new Error(`${category} records cannot be ${action}d`);
}
