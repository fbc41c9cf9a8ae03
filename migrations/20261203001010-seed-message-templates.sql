-- F6: the first templates, in Korean and English. Merge fields are Mustache tags ({{name}}); a
-- list is a section ({{#items}}…{{/items}}). The DPO edits them in the console, with history.

CREATE TEMPORARY TABLE seed_templates (
  template_key text, kind text, channel text, description text, delete_content_after_send boolean,
  subject_ko text, subject_en text, body_ko text, body_en text, sample_data jsonb
) ON COMMIT DROP;

INSERT INTO seed_templates VALUES
(
  'rights-request.acknowledgement', 'message', 'email',
  'Receipt of a rights request (access, correction, erasure, suspension), with its number and due date',
  true,
  '[Shelby] 개인정보 {{requestType}} 요구를 접수했습니다 ({{requestNumber}})',
  '[Shelby] We received your personal data {{requestType}} request ({{requestNumber}})',
  E'{{name}}님, 안녕하세요.\n\n{{receivedOn}}에 보내 주신 개인정보 {{requestType}} 요구를 접수했습니다.\n접수번호: {{requestNumber}}\n\n「개인정보 보호법」에 따라 {{dueOn}}까지 결과를 알려 드리겠습니다. 기한 안에 처리하기 어려운 정당한 사유가 있으면 그 사유와 연장 기간을 미리 알려 드립니다.\n\n문의: {{contact}}\n\nShelby 개인정보 보호책임자 드림',
  E'Dear {{name}},\n\nWe received your personal data {{requestType}} request of {{receivedOn}}.\nRequest number: {{requestNumber}}\n\nUnder the Personal Information Protection Act we will tell you the outcome by {{dueOn}}. If a justified reason keeps us from finishing in time, we will tell you the reason and the new date beforehand.\n\nQuestions: {{contact}}\n\nShelby, Data Protection Officer',
  '{"name": "홍길동", "requestType": "열람", "requestNumber": "RR-2026-0042", "receivedOn": "2026-09-14", "dueOn": "2026-09-28", "contact": "privacy@shelby.example"}'
),
(
  'incident.subject-notice', 'message', 'email',
  'Notice to affected people of a personal data breach, with the items of PIPA Art. 34(1)',
  true,
  '[Shelby] 개인정보 유출 사실을 알려 드립니다',
  '[Shelby] Notice of a personal data breach',
  E'{{name}}님께\n\nShelby는 고객님의 개인정보가 유출된 사실을 확인하여 「개인정보 보호법」 제34조제1항에 따라 다음과 같이 알려 드립니다. 깊이 사과드립니다.\n\n1. 유출된 개인정보의 항목\n{{#items}}- {{.}}\n{{/items}}\n\n2. 유출된 시점과 그 경위\n{{occurredAt}}: {{circumstances}}\n\n3. 피해를 최소화하기 위하여 고객님이 할 수 있는 방법\n{{whatYouCanDo}}\n\n4. 회사의 대응조치 및 피해 구제절차\n{{ourResponse}}\n\n5. 피해 신고 접수 담당부서 및 연락처\n{{department}} ({{contact}})\n\nShelby 개인정보 보호책임자 드림',
  E'Dear {{name}},\n\nShelby has found that your personal data was breached. As the Personal Information Protection Act, Art. 34(1), requires, we tell you the following. We sincerely apologise.\n\n1. The personal data concerned\n{{#items}}- {{.}}\n{{/items}}\n\n2. When and how it happened\n{{occurredAt}}: {{circumstances}}\n\n3. What you can do to limit the harm\n{{whatYouCanDo}}\n\n4. What we have done, and how to seek redress\n{{ourResponse}}\n\n5. Where to report harm\n{{department}} ({{contact}})\n\nShelby, Data Protection Officer',
  '{"name": "홍길동", "items": ["이름", "휴대전화번호", "이메일 주소"], "occurredAt": "2026-09-10 14:20", "circumstances": "외부 공격으로 상담 예약 서버의 일부 자료가 복사되었습니다.", "whatYouCanDo": "비밀번호를 바꾸시고, Shelby를 사칭한 문자·전화에 주의해 주십시오.", "ourResponse": "취약점을 막고 관계 기관에 신고했습니다. 피해가 생기면 개인정보 분쟁조정위원회에 조정을 신청하실 수 있습니다.", "department": "개인정보보호팀", "contact": "02-1234-5678, privacy@shelby.example"}'
),
(
  'account.dormancy-notice', 'message', 'sms',
  'Text message 30 days before an inactive account''s data is stored apart (Shelby policy, Art. 2)',
  true,
  '[Shelby] 휴면 전환 안내',
  '[Shelby] Inactive account notice',
  E'[Shelby] {{name}}님, 1년간 이용이 없어 {{separateOn}}에 개인정보를 분리보관합니다. 계속 이용하시려면 그 전에 로그인해 주세요.',
  E'[Shelby] {{name}}, your account has been inactive for a year; on {{separateOn}} its data will be stored apart. Sign in before then to keep using it.',
  '{"name": "홍길동", "separateOn": "2026-10-15"}'
),
(
  'retention.destruction-certificate', 'document', 'letter',
  'Certificate of destruction of personal data (PIPA Art. 21, Standard Personal Information Protection Guidelines)',
  false,
  '개인정보 파기 확인서',
  'Certificate of destruction of personal data',
  E'파기 대상 개인정보파일: {{fileName}}\n파기 항목: {{#items}}{{.}} {{/items}}\n파기 건수: {{count}}건\n파기 사유: {{reason}}\n파기 일시: {{destroyedAt}}\n파기 방법: {{method}}\n\n위와 같이 개인정보를 복원할 수 없도록 파기하였음을 확인합니다.\n\n{{issuedOn}}\n파기 담당자: {{operator}}\n개인정보 보호책임자: {{dpo}}',
  E'Personal data file: {{fileName}}\nData destroyed: {{#items}}{{.}} {{/items}}\nRecords: {{count}}\nReason: {{reason}}\nDestroyed at: {{destroyedAt}}\nMethod: {{method}}\n\nWe confirm that the personal data above was destroyed so that it cannot be restored.\n\n{{issuedOn}}\nDestroyed by: {{operator}}\nData Protection Officer: {{dpo}}',
  '{"fileName": "상담 예약 고객 파일", "items": ["이름", "휴대전화번호", "상담 일시"], "count": 1204, "reason": "보유기간(3년) 경과", "destroyedAt": "2026-09-30 18:00", "method": "데이터베이스 행 삭제 후 백업 순환 만료", "issuedOn": "2026-10-01", "operator": "김보안", "dpo": "이보호"}'
);

CREATE TEMPORARY TABLE seeded ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, s.*, now() AS at FROM seed_templates s;

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seeded;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261203001010', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM seeded;
