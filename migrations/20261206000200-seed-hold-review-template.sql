-- F9: the reminder a legal hold's owner gets when its review date has come (the daily
-- retention-hold-review job; one per review date). A staff e-mail, like the rights-request
-- reminder: it names the hold, never the people it holds.

CREATE TEMPORARY TABLE seed_templates (
  template_key text, kind text, channel text, description text, delete_content_after_send boolean,
  subject_ko text, subject_en text, body_ko text, body_en text, sample_data jsonb
) ON COMMIT DROP;

INSERT INTO seed_templates VALUES
(
  'retention.hold-review', 'message', 'email',
  'Reminder to a legal hold''s owner: its review date has come',
  true,
  '[법적 보존] {{reference}} 검토일 도래',
  '[Legal hold] {{reference}} is due for review',
  E'담당하신 법적 보존 {{reference}}의 검토일({{reviewOn}})이 되었습니다.\n사유: {{sourceKo}}\n\n콘솔에서 보존을 계속할지, 해제할지 검토해 주십시오. 계속하는 경우 다음 검토일을 정해 주십시오.',
  E'The legal hold {{reference}} you own was due for review on {{reviewOn}}.\nSource: {{sourceEn}}\n\nPlease review it in the console: keep it with a new review date, or release it.',
  '{"reference": "LH-2026-000001", "reviewOn": "2026-12-31", "sourceKo": "소송", "sourceEn": "litigation"}'
);

CREATE TEMPORARY TABLE seeded ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, s.*, now() AS at FROM seed_templates s;

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seeded;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261206000200', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM seeded;
