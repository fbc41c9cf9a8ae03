-- F8: the breach notices and reports (server/src/incidents/notices), in Korean and English, through
-- the F6 template tables so the DPO edits them in the console, with history. Each carries its
-- regime's required items as merge fields; the notices service refuses a draft with an item empty
-- (422 NOTICE_ITEM_MISSING). A message is sent to each affected person ({{name}} is merged per
-- person); a document is rendered to PDF for a regulator or authority.

CREATE TEMPORARY TABLE seed_notices (
  template_key text, kind text, channel text, description text, delete_content_after_send boolean,
  subject_ko text, subject_en text, body_ko text, body_en text, sample_data jsonb
) ON COMMIT DROP;

INSERT INTO seed_notices VALUES
(
  'incident.kr-regulator-report', 'document', 'letter',
  E'Report of a personal data breach to the PIPC or KISA (PIPA Art. 34(3); Enforcement Decree Art. 40) (PDF)',
  false,
  E'개인정보 유출 등 신고서 ({{reference}})',
  E'Report of a personal data breach ({{reference}})',
  E'개인정보보호위원회 / 한국인터넷진흥원 귀중\n\n「개인정보 보호법」 제34조제3항 및 같은 법 시행령 제40조에 따라 개인정보 유출 사실을 다음과 같이 신고합니다.\n\n{{#organisation}}개인정보처리자: {{organisation}}\n{{/organisation}}사고 번호: {{reference}}\n\n1. 유출된 개인정보의 항목\n{{#items}}- {{.}}\n{{/items}}\n2. 유출된 정보주체의 수: {{affectedCount}}명\n\n3. 유출된 시점과 그 경위\n유출 시점: {{occurredAt}}\n유출 사실을 안 시점: {{awareAt}}\n경위: {{circumstances}}\n\n4. 피해를 최소화하기 위하여 정보주체가 할 수 있는 방법\n{{whatYouCanDo}}\n\n5. 개인정보처리자의 대응조치\n{{ourResponse}}\n\n6. 피해 구제절차\n{{redress}}\n\n7. 정보주체에 대한 통지\n{{subjectsNotified}}\n\n8. 피해 신고 접수 담당부서 및 연락처\n{{department}} ({{contact}})',
  E'To the Personal Information Protection Commission / Korea Internet & Security Agency\n\nUnder the Personal Information Protection Act, Art. 34(3), and its Enforcement Decree, Art. 40, we report a personal data breach as follows.\n\n{{#organisation}}Controller: {{organisation}}\n{{/organisation}}Incident reference: {{reference}}\n\n1. The personal data concerned\n{{#items}}- {{.}}\n{{/items}}\n2. Number of people affected: {{affectedCount}}\n\n3. When and how it happened\nWhen it happened: {{occurredAt}}\nWhen we became aware: {{awareAt}}\nHow: {{circumstances}}\n\n4. What people can do to limit the harm\n{{whatYouCanDo}}\n\n5. What we have done\n{{ourResponse}}\n\n6. How to seek redress\n{{redress}}\n\n7. Notice to the people affected\n{{subjectsNotified}}\n\n8. Where to report harm\n{{department}} ({{contact}})',
  '{"organisation": "Shelby", "reference": "IN-2026-000001", "items": ["이름", "휴대전화번호"], "affectedCount": 1200, "occurredAt": "2026-09-10 02:10", "awareAt": "2026-09-10 14:20", "circumstances": "외부 공격으로 상담 예약 서버의 일부 자료가 복사되었습니다.", "whatYouCanDo": "비밀번호를 바꾸시고 사칭 연락에 주의해 주십시오.", "ourResponse": "서버를 격리하고 취약점을 막았습니다.", "redress": "개인정보 분쟁조정위원회(1833-6972)에 조정을 신청하실 수 있습니다.", "subjectsNotified": "2026-09-11 이메일로 통지", "department": "개인정보보호팀", "contact": "02-1234-5678, privacy@shelby.example"}'
),
(
  'incident.eu-authority-report', 'document', 'letter',
  E'Notification of a personal data breach to the supervisory authority (GDPR Art. 33(3), 33(1)) (PDF)',
  false,
  E'개인정보 침해 신고 (GDPR 제33조) ({{reference}})',
  E'Notification of a personal data breach (GDPR Art. 33) ({{reference}})',
  E'감독기구 귀중\n\nGDPR 제33조에 따라 개인정보 침해를 다음과 같이 신고합니다.\n\n{{#organisation}}컨트롤러: {{organisation}}\n{{/organisation}}사고 번호: {{reference}}\n발생 시점: {{occurredAt}}\n인지 시점: {{awareAt}}\n\n1. 침해의 성격\n{{nature}}\n\n2. 관련 정보주체의 범주와 대략적인 수\n{{subjectCategories}} (약 {{approxSubjects}}명)\n\n3. 관련 개인정보 기록의 범주와 대략적인 수\n{{#items}}- {{.}}\n{{/items}}(약 {{approxRecords}}건)\n\n4. 개인정보 보호책임자(DPO) 연락처\n{{dpoContact}}\n\n5. 예상되는 결과\n{{consequences}}\n\n6. 조치 및 피해 완화 조치\n{{measures}}\n{{#delayReasons}}\n7. 72시간 안에 신고하지 못한 사유 (제33조제1항)\n{{delayReasons}}\n{{/delayReasons}}',
  E'To the supervisory authority\n\nUnder GDPR Art. 33 we notify the following personal data breach.\n\n{{#organisation}}Controller: {{organisation}}\n{{/organisation}}Incident reference: {{reference}}\nWhen it happened: {{occurredAt}}\nWhen we became aware: {{awareAt}}\n\n1. Nature of the breach\n{{nature}}\n\n2. Categories and approximate number of data subjects concerned\n{{subjectCategories}} (about {{approxSubjects}})\n\n3. Categories and approximate number of personal data records concerned\n{{#items}}- {{.}}\n{{/items}}(about {{approxRecords}} records)\n\n4. Contact of the data protection officer\n{{dpoContact}}\n\n5. Likely consequences\n{{consequences}}\n\n6. Measures taken or proposed, including to mitigate adverse effects\n{{measures}}\n{{#delayReasons}}\n7. Reasons for the delay (Art. 33(1): not made within 72 hours)\n{{delayReasons}}\n{{/delayReasons}}',
  '{"organisation": "Shelby", "reference": "IN-2026-000001", "occurredAt": "2026-09-10 02:10 (UTC+9)", "awareAt": "2026-09-10 14:20 (UTC+9)", "nature": "Unauthorised access from outside to the booking server; records were copied.", "subjectCategories": "Customers", "approxSubjects": 1200, "items": ["Identity", "Contact details"], "approxRecords": 1200, "dpoContact": "privacy@shelby.example", "consequences": "Phishing and impersonation.", "measures": "Server isolated, credentials reset, people notified.", "delayReasons": ""}'
),
(
  'incident.eu-subject-notice', 'message', 'email',
  E'Communication of a high-risk personal data breach to the people affected (GDPR Art. 34(2))',
  true,
  E'[Shelby] 개인정보 침해 사실을 알려 드립니다',
  E'[Shelby] A personal data breach concerning you',
  E'{{name}}님께\n\nShelby는 고객님의 개인정보와 관련된 침해 사고가 있었음을 GDPR 제34조에 따라 알려 드립니다.\n\n1. 무슨 일이 있었는지\n{{nature}}\n\n2. 예상되는 결과\n{{consequences}}\n\n3. 저희가 한 조치와 피해 완화 조치\n{{measures}}\n{{#whatYouCanDo}}\n4. 고객님이 할 수 있는 일\n{{whatYouCanDo}}\n{{/whatYouCanDo}}\n문의: 개인정보 보호책임자(DPO) {{dpoContact}}\n\nShelby 개인정보 보호책임자 드림',
  E'Dear {{name}},\n\nUnder GDPR Art. 34 we tell you of a personal data breach that concerns you.\n\n1. What happened\n{{nature}}\n\n2. Likely consequences\n{{consequences}}\n\n3. What we have done and are doing to limit the harm\n{{measures}}\n{{#whatYouCanDo}}\n4. What you can do\n{{whatYouCanDo}}\n{{/whatYouCanDo}}\nQuestions: our data protection officer, {{dpoContact}}\n\nShelby, Data Protection Officer',
  '{"name": "Alex Kim", "nature": "Unauthorised access to the booking server.", "consequences": "Phishing and impersonation.", "measures": "Server isolated, credentials reset.", "whatYouCanDo": "Change your password.", "dpoContact": "privacy@shelby.example"}'
),
(
  'incident.us-individual-notice', 'message', 'email',
  E'HIPAA notice of a breach of unsecured protected health information to individuals (45 CFR 164.404(c))',
  true,
  E'[Shelby] 건강정보 유출 사실을 알려 드립니다',
  E'[Shelby] Notice of a breach of your health information',
  E'{{name}}님께\n\n1. 무슨 일이 있었는지\n{{whatHappened}}\n유출 일자: {{occurredAt}}\n발견 일자: {{discoveredAt}}\n\n2. 관련된 정보의 종류\n{{#items}}- {{.}}\n{{/items}}\n3. 피해를 막기 위해 하실 수 있는 일\n{{whatYouCanDo}}\n\n4. 저희가 하고 있는 일 (조사, 피해 완화, 재발 방지)\n{{ourResponse}}\n\n5. 문의 방법\n{{contact}}\n\nShelby 개인정보 보호책임자 드림',
  E'Dear {{name}},\n\n1. What happened\n{{whatHappened}}\nDate of the breach: {{occurredAt}}\nDate of discovery: {{discoveredAt}}\n\n2. What information was involved\n{{#items}}- {{.}}\n{{/items}}\n3. What you should do to protect yourself\n{{whatYouCanDo}}\n\n4. What we are doing (investigating, mitigating harm, protecting against further breaches)\n{{ourResponse}}\n\n5. For more information\n{{contact}}\n\nShelby, Privacy Officer',
  '{"name": "Alex Kim", "whatHappened": "A laptop with appointment records was stolen.", "occurredAt": "2026-09-08", "discoveredAt": "2026-09-10", "items": ["Name", "Appointment dates", "Diagnosis codes"], "whatYouCanDo": "Review statements from your health insurer.", "ourResponse": "We reported the theft to the police and encrypted all laptops.", "contact": "Toll-free 1-800-555-0100, privacy@shelby.example"}'
),
(
  'incident.us-hhs-report', 'document', 'letter',
  E'HIPAA breach notice to the Secretary of HHS (45 CFR 164.408), also the yearly log entry and the media statement (PDF)',
  false,
  E'HHS 유출 신고 ({{reference}})',
  E'Breach notice to the Secretary of HHS ({{reference}})',
  E'미국 보건복지부(HHS) 장관 귀중 (45 CFR 164.408)\n\n{{#organisation}}대상 기관: {{organisation}}\n{{/organisation}}사고 번호: {{reference}}\n\n1. 유출 경위\n{{whatHappened}}\n유출 일자: {{occurredAt}}\n발견 일자: {{discoveredAt}}\n\n2. 영향을 받은 개인의 수: {{affectedCount}}명{{#largestStateCount}} (한 주 최대 {{largestStateCount}}명){{/largestStateCount}}\n\n3. 관련된 보호 대상 건강정보의 종류\n{{#items}}- {{.}}\n{{/items}}\n4. 대응 조치 (피해 완화, 재발 방지)\n{{ourResponse}}\n{{#individualsNotified}}\n5. 개인에 대한 통지\n{{individualsNotified}}\n{{/individualsNotified}}\n문의: {{contact}}',
  E'To the Secretary of the U.S. Department of Health and Human Services (45 CFR 164.408)\n\n{{#organisation}}Covered entity: {{organisation}}\n{{/organisation}}Incident reference: {{reference}}\n\n1. What happened\n{{whatHappened}}\nDate of the breach: {{occurredAt}}\nDate of discovery: {{discoveredAt}}\n\n2. Individuals affected: {{affectedCount}}{{#largestStateCount}} (at most {{largestStateCount}} in one state){{/largestStateCount}}\n\n3. Types of protected health information involved\n{{#items}}- {{.}}\n{{/items}}\n4. Actions taken (mitigation, protection against further breaches)\n{{ourResponse}}\n{{#individualsNotified}}\n5. Notice to individuals\n{{individualsNotified}}\n{{/individualsNotified}}\nContact: {{contact}}',
  '{"organisation": "Shelby", "reference": "IN-2026-000001", "whatHappened": "A laptop with appointment records was stolen.", "occurredAt": "2026-09-08", "discoveredAt": "2026-09-10", "affectedCount": 640, "largestStateCount": 510, "items": ["Name", "Diagnosis codes"], "ourResponse": "Reported to police; laptops encrypted.", "individualsNotified": "2026-09-20 by first-class mail", "contact": "privacy@shelby.example"}'
);

CREATE TEMPORARY TABLE seeded_notices ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, s.*, now() AS at FROM seed_notices s;

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seeded_notices;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261205000210', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM seeded_notices;

-- The PIPA notice to people (F6's seed) gets the redress procedure as an item of its own (Art.
-- 34(1)(4): "the controller's response and the procedure for redress"), as version 2.
UPDATE message_templates SET
  body_ko = replace(body_ko, E'4. 회사의 대응조치 및 피해 구제절차\n{{ourResponse}}', E'4. 회사의 대응조치 및 피해 구제절차\n{{ourResponse}}\n{{redress}}'),
  body_en = replace(body_en, E'4. What we have done, and how to seek redress\n{{ourResponse}}', E'4. What we have done, and how to seek redress\n{{ourResponse}}\n{{redress}}'),
  sample_data = sample_data || '{"ourResponse": "취약점을 막고 관계 기관에 신고했습니다.", "redress": "피해가 생기면 개인정보 분쟁조정위원회(1833-6972)에 조정을 신청하실 수 있습니다."}'::jsonb,
  version = version + 1,
  updated_at = now()
WHERE template_key = 'incident.subject-notice';

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, version, 'seed', NULL, 'system', 'Redress as its own item (migration 20261205000210)', now(),
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM message_templates WHERE template_key = 'incident.subject-notice';
