-- F7: the messages the rights-request workflow queues itself: a reminder to the assigned staff
-- member (at risk, overdue), and the notice to a recipient in the registers that a request touches
-- the data it holds (GDPR Art. 19, PIPA entrustment). Letters to the requester are the letters'
-- own templates.

CREATE TEMPORARY TABLE seed_templates (
  template_key text, kind text, channel text, description text, delete_content_after_send boolean,
  subject_ko text, subject_en text, body_ko text, body_en text, sample_data jsonb
) ON COMMIT DROP;

INSERT INTO seed_templates VALUES
(
  'rights-request.staff-reminder', 'message', 'email',
  'Reminder to the assigned staff member: a rights request is at risk or overdue',
  true,
  '[개인정보 권리 요구] {{reference}} 기한 {{stateKo}}',
  '[Rights request] {{reference}} is {{stateEn}}',
  E'담당 요구 {{reference}}의 처리 기한은 {{dueOn}}입니다 (남은 일수 {{daysLeft}}일).\n상태: {{stateKo}}\n\n콘솔에서 요구를 열어 처리해 주십시오.',
  E'Request {{reference}} assigned to you is due on {{dueOn}} ({{daysLeft}} days left).\nState: {{stateEn}}\n\nPlease open it in the console.',
  '{"reference": "RR-2026-000042", "dueOn": "2026-09-28", "daysLeft": 2, "stateKo": "임박", "stateEn": "at risk"}'
),
(
  'rights-request.recipient-notice', 'message', 'email',
  'Notice to a processor or recipient that a data subject''s request affects data it holds (GDPR Art. 19)',
  true,
  '[요청] 정보주체 권리 요구에 따른 조치 요청 ({{reference}})',
  '[Request] Action on a data subject request ({{reference}})',
  E'{{recipient}} 귀중\n\n정보주체의 {{typeKo}} 요구({{reference}})에 따라, 귀사가 위탁·제공받아 보유한 다음 개인정보에 같은 조치를 하여 주십시오.\n항목: {{#categories}}{{.}} {{/categories}}\n\n조치 결과를 회신해 주십시오.\n\n개인정보 보호책임자 드림',
  E'To {{recipient}}\n\nFollowing a data subject''s {{typeEn}} request ({{reference}}), please apply the same action to the personal data you hold from us in these categories: {{#categories}}{{.}} {{/categories}}\n\nPlease reply with what you did.\n\nData Protection Officer',
  '{"recipient": "Example Processor", "reference": "RR-2026-000042", "typeKo": "삭제", "typeEn": "erasure", "categories": ["contact", "payment"]}'
);

CREATE TEMPORARY TABLE seeded ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, s.*, now() AS at FROM seed_templates s;

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seeded;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261204000120', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM seeded;
