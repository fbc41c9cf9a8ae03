import type { Client } from 'pg';

type PgType = 'uuid' | 'text' | 'bytea' | 'date' | 'timestamptz' | 'int4' | 'int2' | 'bool' | 'numeric' | 'inet';

/**
 * The subject tables the demo seeder fills, in insertion order (a table's foreign keys point
 * only at tables above it), with the columns it writes and their PostgreSQL types.
 * Timestamps, dates, numerics and addresses travel as text.
 */
export const DEMO_TABLES = {
  subjects: {
    id: 'uuid',
    service: 'text',
    kind: 'text',
    status: 'text',
    name: 'text',
    name_key: 'text',
    nickname: 'text',
    email_cipher: 'bytea',
    email_index: 'bytea',
    email_mask: 'text',
    phone_cipher: 'bytea',
    phone_index: 'bytea',
    phone_mask: 'text',
    birth_date: 'date',
    gender: 'text',
    residence: 'text',
    occupation: 'text',
    institution: 'text',
    counseling_interest_cipher: 'bytea',
    referral_code: 'text',
    guardian_id: 'uuid',
    relationship_to_guardian: 'text',
    locale: 'text',
    created_at: 'timestamptz',
    last_active_at: 'timestamptz',
    dormant_at: 'timestamptz',
    locked_at: 'timestamptz',
    failed_sign_ins: 'int4',
    withdrawal_requested_at: 'timestamptz',
    withdrawn_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  subject_keys: { subject_id: 'uuid', kek_id: 'text', wrapped_key: 'bytea', created_at: 'timestamptz' },
  subject_social_links: {
    id: 'uuid',
    subject_id: 'uuid',
    provider: 'text',
    provider_nickname: 'text',
    email_mask: 'text',
    has_profile_photo: 'bool',
    linked_at: 'timestamptz',
    unlinked_at: 'timestamptz',
  },
  subject_consents: {
    id: 'uuid',
    subject_id: 'uuid',
    purpose: 'text',
    required: 'bool',
    granted: 'bool',
    version: 'text',
    given_by: 'uuid',
    recorded_at: 'timestamptz',
    withdrawn_at: 'timestamptz',
  },
  subject_bookings: {
    id: 'uuid',
    client_id: 'uuid',
    counselor_id: 'uuid',
    child_id: 'uuid',
    scheduled_at: 'timestamptz',
    mode: 'text',
    topic_cipher: 'bytea',
    topic_sealed_under: 'uuid',
    status: 'text',
    ended_at: 'timestamptz',
    meeting_provider: 'text',
    created_at: 'timestamptz',
  },
  subject_counseling_records: {
    id: 'uuid',
    subject_id: 'uuid',
    booking_id: 'uuid',
    counselor_id: 'uuid',
    child_id: 'uuid',
    kind: 'text',
    psychotherapy_notes: 'bool',
    session_at: 'timestamptz',
    counseling_ended_at: 'timestamptz',
    content_cipher: 'bytea',
    sealed_under: 'uuid',
    created_at: 'timestamptz',
  },
  subject_reviews: {
    id: 'uuid',
    subject_id: 'uuid',
    booking_id: 'uuid',
    counselor_id: 'uuid',
    rating: 'int2',
    body: 'text',
    published: 'bool',
    created_at: 'timestamptz',
  },
  subject_recordings: {
    id: 'uuid',
    subject_id: 'uuid',
    booking_id: 'uuid',
    counselor_id: 'uuid',
    media: 'text',
    recorded_at: 'timestamptz',
    duration_seconds: 'int4',
    client_consent_at: 'timestamptz',
    counselor_consent_at: 'timestamptz',
    supervision_consent_at: 'timestamptz',
    shared_with_supervisor_at: 'timestamptz',
    deleted_at: 'timestamptz',
  },
  subject_sensitive_data: {
    id: 'uuid',
    subject_id: 'uuid',
    category: 'text',
    content_cipher: 'bytea',
    recorded_at: 'timestamptz',
  },
  subject_payments: {
    id: 'uuid',
    subject_id: 'uuid',
    booking_id: 'uuid',
    amount: 'numeric',
    currency: 'text',
    method: 'text',
    gateway: 'text',
    card_mask: 'text',
    status: 'text',
    paid_at: 'timestamptz',
  },
  subject_financial_profiles: {
    subject_id: 'uuid',
    bank_name: 'text',
    account_cipher: 'bytea',
    account_mask: 'text',
    depositor_mask: 'text',
    tax_id_cipher: 'bytea',
    tax_id_mask: 'text',
    updated_at: 'timestamptz',
  },
  subject_devices: {
    id: 'uuid',
    subject_id: 'uuid',
    model: 'text',
    os: 'text',
    app_version: 'text',
    ip: 'inet',
    carrier: 'text',
    city: 'text',
    country: 'text',
    time_zone: 'text',
    advertising_id_mask: 'text',
    first_seen_at: 'timestamptz',
    last_seen_at: 'timestamptz',
  },
  subject_calendar_links: {
    id: 'uuid',
    subject_id: 'uuid',
    provider: 'text',
    account_email_mask: 'text',
    events_synced: 'int4',
    linked_at: 'timestamptz',
    last_synced_at: 'timestamptz',
    unlinked_at: 'timestamptz',
  },
} as const satisfies Record<string, Record<string, PgType>>;

export type DemoTable = keyof typeof DEMO_TABLES;
type JsValue<T extends PgType> = T extends 'bytea'
  ? Buffer
  : T extends 'int4' | 'int2'
    ? number
    : T extends 'bool'
      ? boolean
      : string;
/** One row of a table: every column present, null where the value is absent. */
export type DemoRow<T extends DemoTable> = {
  -readonly [C in keyof (typeof DEMO_TABLES)[T]]: JsValue<(typeof DEMO_TABLES)[T][C] & PgType> | null;
};

const COLUMN_NAMES = Object.fromEntries(
  Object.entries(DEMO_TABLES).map(([table, spec]) => [table, Object.keys(spec)]),
) as Record<DemoTable, string[]>;
/** Column-major rows of every table, for one chunk. */
export class DemoBatch {
  private readonly columns = new Map<DemoTable, Record<string, unknown[]>>();
  private readonly counts = new Map<DemoTable, number>();

  add<T extends DemoTable>(table: T, row: DemoRow<T>): void {
    let cols = this.columns.get(table);
    if (!cols) {
      cols = Object.fromEntries(COLUMN_NAMES[table].map((c) => [c, []]));
      this.columns.set(table, cols);
    }
    for (const column of COLUMN_NAMES[table]) cols[column].push((row as Record<string, unknown>)[column]);
    this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }

  count(table: DemoTable): number {
    return this.counts.get(table) ?? 0;
  }

  /** INSERT … SELECT FROM unnest(arrays): one statement per table, in foreign-key order. */
  async insert(client: Client): Promise<void> {
    for (const table of Object.keys(DEMO_TABLES) as DemoTable[]) {
      const cols = this.columns.get(table);
      if (!cols) continue;
      const spec = DEMO_TABLES[table] as Record<string, PgType>;
      const names = COLUMN_NAMES[table];
      const casts = names.map((c, i) => `$${i + 1}::${spec[c]}[]`).join(', ');
      await client.query(
        `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${casts})`,
        names.map((c) => cols[c]),
      );
    }
  }
}
