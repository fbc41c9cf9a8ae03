-- F8: the notification rules. Which notices the facts of an incident require, to whom and by when,
-- are data here, not code: the engine (server/src/incidents/obligations/notification-engine.ts)
-- evaluates `condition` against the incident's facts and counts `period` from the moment of
-- awareness on the organisation's calendar.
--
-- A rule applies only to an incident whose regimes include the rule's regime, and then when its
-- condition holds: {"all": [...]} | {"any": [...]} | {"fact": name, "eq"|"gte"|"gt"|"lt"|"in": value}.
--   Facts: affectedCount (confirmed when known, else estimated), usLargestStateCount, sensitiveData,
--   uniqueIdentifiers, dataEncrypted, euRisk, vector.
-- period: {"unit": "hours", "amount": n} (exact hours), {"unit": "days", "amount": n} (calendar
--   days, the day of awareness not counted, ending when the last day ends), or
--   {"unit": "days_after_year_end", "amount": n} (from 31 December of the year of awareness).
CREATE TABLE incident_notification_rules (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,60}$'),
  regime text NOT NULL CHECK (regime IN ('KR-PIPA', 'EU-GDPR', 'US-HIPAA')),
  recipient text NOT NULL CHECK (recipient IN ('subjects', 'regulator', 'authority', 'hhs', 'media')),
  period jsonb NOT NULL CHECK (
    period ->> 'unit' IN ('hours', 'days', 'days_after_year_end')
    AND jsonb_typeof(period -> 'amount') = 'number' AND (period ->> 'amount')::numeric > 0
  ),
  condition jsonb NOT NULL CHECK (jsonb_typeof(condition) = 'object'),
  legal_source text NOT NULL CHECK (length(legal_source) BETWEEN 3 AND 400),
  label_ko text NOT NULL CHECK (length(label_ko) BETWEEN 2 AND 200),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 2 AND 200),
  -- The notice draft that meets the obligation (incident_notices.kind); null when none is drafted here.
  notice_kind text CHECK (notice_kind ~ '^[a-z][a-z0-9_]{1,60}$'),
  position integer NOT NULL CHECK (position >= 0)
);

INSERT INTO incident_notification_rules
  (code, regime, recipient, period, condition, legal_source, label_ko, label_en, notice_kind, position)
VALUES
(
  'kr_subjects', 'KR-PIPA', 'subjects', '{"unit": "hours", "amount": 72}',
  '{"fact": "affectedCount", "gte": 1}',
  'PIPA Art. 34(1); Enforcement Decree Art. 39(1)',
  '정보주체에 대한 유출 통지', 'Notice to the people affected', 'kr_subject_notice', 10
),
(
  'kr_regulator', 'KR-PIPA', 'regulator', '{"unit": "hours", "amount": 72}',
  '{"any": [{"fact": "affectedCount", "gte": 1000}, {"fact": "sensitiveData", "eq": true}, {"fact": "uniqueIdentifiers", "eq": true}, {"fact": "vector", "eq": "outside_hacking"}]}',
  'PIPA Art. 34(3); Enforcement Decree Art. 40(1)',
  '보호위원회 또는 한국인터넷진흥원 신고', 'Report to the PIPC or KISA', 'kr_regulator_report', 20
),
(
  'eu_authority', 'EU-GDPR', 'authority', '{"unit": "hours", "amount": 72}',
  '{"fact": "euRisk", "in": ["unassessed", "risk", "high"]}',
  'GDPR Art. 33(1), 33(3)',
  '감독기구 신고', 'Notification to the supervisory authority', 'eu_authority_report', 30
),
(
  'eu_subjects', 'EU-GDPR', 'subjects', '{"unit": "hours", "amount": 72}',
  '{"all": [{"fact": "euRisk", "eq": "high"}, {"fact": "dataEncrypted", "eq": false}]}',
  'GDPR Art. 34(1), 34(3)(a)',
  '정보주체에 대한 통지 (고위험)', 'Communication to the people affected (high risk)', 'eu_subject_notice', 40
),
(
  'us_individuals', 'US-HIPAA', 'subjects', '{"unit": "days", "amount": 60}',
  '{"fact": "affectedCount", "gte": 1}',
  '45 CFR 164.404(b)',
  '개인에 대한 통지', 'Notice to individuals', 'us_individual_notice', 50
),
(
  'us_hhs', 'US-HIPAA', 'hhs', '{"unit": "days", "amount": 60}',
  '{"fact": "affectedCount", "gte": 500}',
  '45 CFR 164.408(b)',
  '보건복지부(HHS) 신고', 'Notice to the Secretary of HHS', 'us_hhs_report', 60
),
(
  'us_media', 'US-HIPAA', 'media', '{"unit": "days", "amount": 60}',
  '{"all": [{"fact": "affectedCount", "gte": 500}, {"fact": "usLargestStateCount", "gt": 500}]}',
  '45 CFR 164.406(a)',
  '언론 공지 (한 주 500명 초과)', 'Notice to the media (more than 500 residents of a state)', 'us_hhs_report', 70
),
(
  'us_hhs_yearly_log', 'US-HIPAA', 'hhs', '{"unit": "days_after_year_end", "amount": 60}',
  '{"all": [{"fact": "affectedCount", "gte": 1}, {"fact": "affectedCount", "lt": 500}]}',
  '45 CFR 164.408(c)',
  'HHS 연간 기록 제출 (500명 미만)', 'Yearly log to HHS (fewer than 500)', 'us_hhs_report', 80
);

-- The rules change only by migration (a law or the organisation's policy changed), never from the console.
GRANT SELECT ON incident_notification_rules TO console_app;
