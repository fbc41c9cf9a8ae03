-- F9: the destruction certificate (server/src/retention/destruction) now says what a destruction
-- run did. F6 seeded `retention.destruction-certificate` for one hand-made file; a run's
-- certificate covers several rules, so the text takes the run's totals and the per-rule lines
-- (rule, version, category, action, period, legal basis, who approved the rule, counts) follow as
-- a table the console adds. A new version of the same template (the history keeps the first), in
-- Korean and English; the DPO edits the wording in the console.
CREATE TEMPORARY TABLE certificate_text ON COMMIT DROP AS
SELECT now() AS at,
  'Retention: the certificate of a destruction run (rules, counts, approvals; no personal data) (PDF)'::text AS description,
  false AS delete_content_after_send,
  E'개인정보 파기 확인서 ({{reference}})'::text AS subject_ko,
  E'Certificate of destruction of personal data ({{reference}})'::text AS subject_en,
  E'확인서 번호: {{reference}}\n발급일: {{issuedOn}} ({{timeZone}})\n파기 기준일: {{throughOn}}\n\nShelby는 「개인정보 보호법」 제21조와 개인정보 처리방침에 따라 보유기간이 지난 개인정보를 아래 규칙대로 파기(또는 가명처리)하였음을 확인합니다. 전자적 파일은 복원할 수 없도록 삭제하였고, 암호화된 정보는 해당 정보주체의 암호 키를 함께 폐기하였습니다.\n\n규칙 {{rules}}개, 정보주체 {{people}}명, 기록 {{records}}건을 파기하였습니다. 법적 보존(legal hold)으로 파기를 보류한 항목은 {{held}}건입니다.\n\n이 확인서에는 개인을 식별할 수 있는 정보가 포함되어 있지 않습니다.\n\nShelby 개인정보 보호책임자'::text AS body_ko,
  E'Certificate: {{reference}}\nIssued: {{issuedOn}} ({{timeZone}})\nDestruction through: {{throughOn}}\n\nShelby certifies that personal data past its retention period was destroyed (or pseudonymised) under the rules below, as the Personal Information Protection Act (Art. 21) and our privacy policies require. Electronic records were deleted beyond recovery; for encrypted data the person''s data key was destroyed as well.\n\n{{rules}} rules, {{people}} people, {{records}} records. Items held back by a legal hold: {{held}}.\n\nThis certificate contains no information that identifies a person.\n\nShelby, Data Protection Officer'::text AS body_en,
  '{"reference": "DC-2026-000001", "issuedOn": "2026-11-04", "issuedAt": "2026-11-03T18:05:00.000Z", "throughOn": "2026-11-04", "timeZone": "Asia/Seoul", "people": 120, "records": 964, "held": 3, "rules": 4}'::jsonb AS sample_data;

UPDATE message_templates m
   SET description = c.description, subject_ko = c.subject_ko, subject_en = c.subject_en, body_ko = c.body_ko,
       body_en = c.body_en, sample_data = c.sample_data, version = m.version + 1, updated_at = c.at
  FROM certificate_text c
 WHERE m.template_key = 'retention.destruction-certificate';

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT m.id, m.version, 'update', NULL, 'system', 'Migration 20261206000300: the certificate of a destruction run (F9)', c.at,
  jsonb_build_object(
    'subjectKo', m.subject_ko, 'subjectEn', m.subject_en, 'bodyKo', m.body_ko, 'bodyEn', m.body_en,
    'deleteContentAfterSend', m.delete_content_after_send, 'sampleData', m.sample_data, 'description', m.description
  )
FROM message_templates m CROSS JOIN certificate_text c
WHERE m.template_key = 'retention.destruction-certificate';
