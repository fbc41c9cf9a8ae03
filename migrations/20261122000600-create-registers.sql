-- The DPO's registers (GDPR Art. 30, PIPA Art. 17, 26, 28-8): the privacy policies they feed,
-- processors and sub-processors, third-party provisions, international transfers, processing
-- activities and the legal-disclosures log, with a minimal retention-rule table the
-- activities link to. Every change is kept as a version with its author, time, reason and a
-- full snapshot; versions are append-only. Rows are never deleted: they end.
--
-- Localized texts are jsonb {"ko": …, "en": …}; retention is jsonb {kind, period?, after?,
-- law?, options?, text: {ko, en}} checked by the application (registers/retention.ts).

CREATE TABLE retention_rules (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[a-z0-9_]{2,60}$'),
  name jsonb NOT NULL,
  retention jsonb NOT NULL CHECK (retention ? 'kind'),
  source text NOT NULL CHECK (length(source) BETWEEN 1 AND 300),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX retention_rules_code_key ON retention_rules (code);

-- REQUIREMENTS.md section D.
INSERT INTO retention_rules (code, name, retention, source) VALUES
  ('ecommerce_contract_records',
   '{"ko": "계약 또는 청약철회 등에 관한 기록", "en": "Records of contracts and withdrawals of offers"}',
   '{"kind": "statutory", "period": "P5Y", "law": "전자상거래법 시행령 제6조", "text": {"ko": "5년", "en": "5 years"}}',
   'E-Commerce Act Enforcement Decree Art. 6'),
  ('ecommerce_payment_records',
   '{"ko": "대금결제 및 재화 등의 공급에 관한 기록", "en": "Records of payments and supply of goods"}',
   '{"kind": "statutory", "period": "P5Y", "law": "전자상거래법 시행령 제6조", "text": {"ko": "5년", "en": "5 years"}}',
   'E-Commerce Act Enforcement Decree Art. 6'),
  ('ecommerce_complaint_records',
   '{"ko": "소비자 불만 및 분쟁 처리에 관한 기록", "en": "Records of consumer complaints and dispute resolution"}',
   '{"kind": "statutory", "period": "P3Y", "law": "전자상거래법 시행령 제6조", "text": {"ko": "3년", "en": "3 years"}}',
   'E-Commerce Act Enforcement Decree Art. 6'),
  ('ecommerce_advertising_records',
   '{"ko": "표시·광고에 관한 기록", "en": "Records of labelling and advertising"}',
   '{"kind": "statutory", "period": "P6M", "law": "전자상거래법 시행령 제6조", "text": {"ko": "6개월", "en": "6 months"}}',
   'E-Commerce Act Enforcement Decree Art. 6'),
  ('website_visit_logs',
   '{"ko": "서비스 방문에 관한 기록", "en": "Records of visits to the service"}',
   '{"kind": "statutory", "period": "P3M", "law": "통신비밀보호법", "text": {"ko": "3개월", "en": "3 months"}}',
   'Protection of Communications Secrets Act (article unconfirmed)'),
  ('counseling_results',
   '{"ko": "상담 결과지", "en": "Counseling results"}',
   '{"kind": "duration", "period": "P3Y", "after": "counseling_end", "text": {"ko": "상담 종료 후 3년간 보관 후 파기", "en": "Kept for 3 years after counseling ends, then destroyed"}}',
   'Shelby privacy policy, Art. 1'),
  ('expert_provision',
   '{"ko": "상담 전문가 제공 정보", "en": "Information provided to counseling experts"}',
   '{"kind": "duration", "period": "P1Y", "after": "counseling_end", "text": {"ko": "상담 종료 후 1년", "en": "1 year after counseling ends"}}',
   'Shelby privacy policy, Art. 7'),
  ('video_vendor',
   '{"ko": "화상상담 솔루션 업체", "en": "Video counseling vendor"}',
   '{"kind": "duration", "period": "P30D", "after": "counseling_end", "text": {"ko": "상담 종료 후 30일", "en": "30 days after counseling ends"}}',
   'Shelby privacy policy, Art. 8'),
  ('notification_vendor',
   '{"ko": "알림 발송업체", "en": "Notification vendor"}',
   '{"kind": "immediate", "after": "delivery", "text": {"ko": "발송 완료 후 즉시 파기", "en": "Destroyed as soon as it is sent"}}',
   'Shelby privacy policy, Art. 8'),
  ('dormant_accounts',
   '{"ko": "휴면 계정 분리보관", "en": "Dormant accounts kept apart"}',
   '{"kind": "duration", "period": "P1Y", "after": "last_use", "text": {"ko": "1년간 이용이 없으면 분리보관 (30일 전 안내)", "en": "Kept apart after 1 year without use (notice 30 days before)"}}',
   'Company policy (the statutory rule was repealed in September 2023); both privacy policies'),
  ('backups',
   '{"ko": "백업 데이터", "en": "Backups"}',
   '{"kind": "immediate", "after": "backup_rotation", "text": {"ko": "순환 백업 정책에 따라 복구 불가하게 삭제", "en": "Deleted beyond recovery by backup rotation"}}',
   'Shelby privacy policy, Art. 10'),
  ('membership',
   '{"ko": "회원 정보", "en": "Membership data"}',
   '{"kind": "until_withdrawal", "text": {"ko": "회원 탈퇴 시까지", "en": "Until the member withdraws"}}',
   'Both privacy policies'),
  ('until_purpose',
   '{"ko": "목적 달성 시까지", "en": "Until the purpose is achieved"}',
   '{"kind": "until_purpose", "text": {"ko": "수집·이용 목적 달성 시까지", "en": "Until the purpose of collection and use is achieved"}}',
   'PIPA Art. 21');

CREATE TABLE register_policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[a-z0-9-]{2,40}$'),
  name jsonb NOT NULL,
  layout text NOT NULL CHECK (layout IN ('standard', 'maumjuui', 'shelby')),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX register_policies_code_key ON register_policies (code);

CREATE TABLE register_processors (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES register_policies (id),
  -- Set for a sub-processor (re-entrustee, PIPA Art. 26(6)).
  parent_id uuid REFERENCES register_processors (id) CHECK (parent_id <> id),
  position integer NOT NULL CHECK (position >= 0),
  recipient jsonb NOT NULL,
  contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
  task jsonb NOT NULL,
  items jsonb NOT NULL,
  protection_measures jsonb NOT NULL,
  retention jsonb NOT NULL CHECK (retention ? 'kind'),
  country text CHECK (country ~ '^[A-Z]{2}$'),
  contract_terms jsonb NOT NULL,
  dpa_signed_on date,
  dpa_expires_on date CHECK (dpa_expires_on IS NULL OR dpa_signed_on IS NULL OR dpa_expires_on >= dpa_signed_on),
  last_inspection_on date,
  next_inspection_due date,
  status text NOT NULL CHECK (status IN ('draft', 'active', 'ended')),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- PIPA Art. 26(1): never active while a contract term is missing (the service says which).
  CHECK (status <> 'active' OR contract_terms @> '{"purposeLimit": true, "safeguards": true, "scope": true,
    "reentrustmentLimits": true, "accessLimits": true, "supervision": true, "liability": true}')
);
CREATE INDEX register_processors_policy_idx ON register_processors (policy_id, position);
CREATE INDEX register_processors_parent_idx ON register_processors (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE register_provisions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES register_policies (id),
  position integer NOT NULL CHECK (position >= 0),
  recipient jsonb NOT NULL,
  purpose jsonb NOT NULL,
  items jsonb NOT NULL,
  retention jsonb NOT NULL CHECK (retention ? 'kind'),
  legal_basis text NOT NULL CHECK (legal_basis IN
    ('consent', 'statute', 'public_duty', 'vital_interests', 'legitimate_interests', 'public_safety')),
  refusal jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX register_provisions_policy_idx ON register_provisions (policy_id, position);

CREATE TABLE register_transfers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES register_policies (id),
  position integer NOT NULL CHECK (position >= 0),
  recipient jsonb NOT NULL,
  contact text NOT NULL DEFAULT '' CHECK (length(contact) <= 300),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  items jsonb NOT NULL,
  purpose jsonb NOT NULL,
  retention jsonb NOT NULL CHECK (retention ? 'kind'),
  timing_method jsonb NOT NULL,
  -- PIPA Art. 28-8(1).
  pipa_basis text NOT NULL CHECK (pipa_basis IN
    ('separate_consent', 'statute_or_treaty', 'contract_disclosure', 'certification', 'adequacy')),
  -- GDPR Art. 45-49; NULL: not assessed yet (an alert).
  gdpr_mechanism text CHECK (gdpr_mechanism IN ('adequacy', 'scc', 'bcr', 'derogation', 'not_applicable')),
  derogation text CHECK (derogation IN ('a_explicit_consent', 'b_contract_with_subject',
    'c_contract_in_subject_interest', 'd_public_interest', 'e_legal_claims', 'f_vital_interests',
    'g_public_register', 'compelling_legitimate_interests')),
  refusal jsonb NOT NULL,
  suspended boolean NOT NULL DEFAULT false,
  in_use boolean NOT NULL DEFAULT true,
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((gdpr_mechanism IS NOT DISTINCT FROM 'derogation') = (derogation IS NOT NULL))
);
CREATE INDEX register_transfers_policy_idx ON register_transfers (policy_id, position);

CREATE TABLE register_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES register_policies (id),
  position integer NOT NULL CHECK (position >= 0),
  section jsonb NOT NULL,
  name jsonb NOT NULL,
  purpose jsonb NOT NULL,
  items jsonb NOT NULL,
  legal_basis text NOT NULL CHECK (legal_basis IN
    ('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
  art9_condition text CHECK (art9_condition IN ('a_explicit_consent', 'b_employment', 'c_vital_interests',
    'd_nonprofit', 'e_made_public', 'f_legal_claims', 'g_substantial_public_interest', 'h_health_care',
    'i_public_health', 'j_archiving_research')),
  subject_categories text[] NOT NULL CHECK (cardinality(subject_categories) >= 1),
  data_categories text[] NOT NULL CHECK (cardinality(data_categories) >= 1),
  -- Links to the registers above (checked by the service: same policy, existing rows).
  processor_ids uuid[] NOT NULL DEFAULT '{}',
  provision_ids uuid[] NOT NULL DEFAULT '{}',
  transfer_ids uuid[] NOT NULL DEFAULT '{}',
  retention jsonb NOT NULL CHECK (retention ? 'kind'),
  retention_rule_id uuid REFERENCES retention_rules (id),
  security_measures jsonb NOT NULL,
  controller_contact text NOT NULL CHECK (length(controller_contact) BETWEEN 1 AND 300),
  dpo_contact text NOT NULL CHECK (length(dpo_contact) BETWEEN 1 AND 300),
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- GDPR Art. 9: special-category data needs a condition.
  CHECK (art9_condition IS NOT NULL OR NOT (data_categories && ARRAY['health', 'genetic', 'biometric', 'beliefs_sex_life']))
);
CREATE INDEX register_activities_policy_idx ON register_activities (policy_id, position);

-- Disclosures the law required (court orders, mandatory reports). They name a subject, so
-- every read is in the access log; only the DPO and the auditor see them.
CREATE TABLE legal_disclosures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL,
  authority text NOT NULL CHECK (length(authority) BETWEEN 1 AND 300),
  basis_type text NOT NULL CHECK (basis_type IN
    ('court_order', 'warrant', 'mandatory_report', 'regulator_request', 'other')),
  legal_basis text NOT NULL CHECK (length(legal_basis) BETWEEN 1 AND 500),
  request_reference text NOT NULL DEFAULT '' CHECK (length(request_reference) <= 200),
  items text NOT NULL CHECK (length(items) BETWEEN 1 AND 2000),
  disclosed_on date NOT NULL,
  approved_by text NOT NULL CHECK (length(approved_by) BETWEEN 1 AND 200),
  share_with_subject boolean NOT NULL,
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX legal_disclosures_subject_idx ON legal_disclosures (subject_id, disclosed_on);
CREATE INDEX legal_disclosures_date_idx ON legal_disclosures (disclosed_on DESC);

-- One row per saved version of any register row: who, when, why, and the row as saved.
CREATE TABLE register_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  register text NOT NULL CHECK (register IN
    ('policies', 'processors', 'provisions', 'transfers', 'activities', 'disclosures')),
  row_id uuid NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  operation text NOT NULL CHECK (operation IN ('create', 'update', 'import')),
  author_id uuid REFERENCES staff (id),
  author_name text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  changed_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL
);
CREATE UNIQUE INDEX register_versions_row_key ON register_versions (register, row_id, version);
CREATE INDEX register_versions_time_idx ON register_versions (register, changed_at);

CREATE FUNCTION register_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'register history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER register_versions_append_only BEFORE UPDATE OR DELETE ON register_versions
  FOR EACH ROW EXECUTE FUNCTION register_versions_refuse_change();
CREATE TRIGGER register_versions_no_truncate BEFORE TRUNCATE ON register_versions
  FOR EACH STATEMENT EXECUTE FUNCTION register_versions_refuse_change();
ALTER TABLE register_versions ENABLE ALWAYS TRIGGER register_versions_append_only;
ALTER TABLE register_versions ENABLE ALWAYS TRIGGER register_versions_no_truncate;

GRANT SELECT ON retention_rules TO console_app;
GRANT SELECT, INSERT, UPDATE ON register_policies, register_processors, register_provisions,
  register_transfers, register_activities, legal_disclosures TO console_app;
GRANT SELECT, INSERT ON register_versions TO console_app;
