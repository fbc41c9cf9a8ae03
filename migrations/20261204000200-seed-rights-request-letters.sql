-- F7: the rights-request letters (server/src/rights-requests/letters), in Korean and English, each
-- as an e-mail (message) and as a letter (document, rendered to PDF). Merge fields are Mustache tags;
-- {{kr}}, {{eu}}, {{ca}} and {{hipaa}} are true when the request falls under KR-PIPA, EU-GDPR,
-- US-CA-CCPA or US-HIPAA, so one template carries each regime's wording. The DPO edits them in the
-- console, with history; a message keeps the version it used.

CREATE TEMPORARY TABLE seed_routes (ko text, en text) ON COMMIT DROP;
-- Where a refused or postponed requester can complain: the same block in every letter that needs it.
INSERT INTO seed_routes VALUES (
  E'개인정보 침해에 관한 신고·상담과 분쟁조정은 다음 기관에 하실 수 있습니다.\n- 개인정보침해신고센터: privacy.kisa.or.kr, 국번없이 118\n- 개인정보분쟁조정위원회: www.kopico.go.kr, 1833-6972\n- 대검찰청: www.spo.go.kr, 국번없이 1301\n- 경찰청: ecrm.police.go.kr, 국번없이 182\n{{#eu}}- 거주지, 근무지 또는 침해가 일어난 곳의 EU 감독기관(GDPR 제77조). 기관 목록: edpb.europa.eu\n{{/eu}}{{#ca}}- 캘리포니아주 개인정보보호청(California Privacy Protection Agency): cppa.ca.gov\n{{/ca}}{{#hipaa}}- 미국 보건복지부 민권국(HHS Office for Civil Rights): www.hhs.gov/ocr/complaints\n{{/hipaa}}',
  E'How to complain:\n{{#eu}}- You may lodge a complaint with a supervisory authority, in particular in the EU Member State of your habitual residence, place of work or place of the alleged infringement (GDPR Art. 77), and seek a judicial remedy (Art. 79). The authorities are listed at edpb.europa.eu.\n{{/eu}}{{#ca}}- California Privacy Protection Agency: cppa.ca.gov; the California Attorney General: oag.ca.gov/privacy\n{{/ca}}{{#hipaa}}- U.S. Department of Health and Human Services, Office for Civil Rights: www.hhs.gov/ocr/complaints\n{{/hipaa}}{{#kr}}- Personal Information Infringement Report Center (KISA): privacy.kisa.or.kr, 118 in Korea\n- Personal Information Dispute Mediation Committee: www.kopico.go.kr, +82 1833-6972\n- Supreme Prosecutors'' Office: www.spo.go.kr, 1301 in Korea; Korean National Police Agency: ecrm.police.go.kr, 182 in Korea\n{{/kr}}'
);

CREATE TEMPORARY TABLE seed_letters (
  template_key text, kind text, channel text, description text, delete_content_after_send boolean,
  subject_ko text, subject_en text, body_ko text, body_en text, sample_data jsonb
) ON COMMIT DROP;

INSERT INTO seed_letters VALUES
(
  'rights-request.acknowledgement.email', 'message', 'email',
  E'Rights request: receipt, with the reference and the due date (all regimes) (e-mail)',
  true,
  E'[Shelby] 개인정보 {{requestType}} 요구를 접수했습니다 ({{reference}})',
  E'[Shelby] We received your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 보내 주신 개인정보 {{requestType}} 요구를 접수했습니다.\n접수번호: {{reference}}\n\n{{dueOn}}까지 결과를 알려 드리겠습니다.{{#kr}} 「개인정보 보호법」 시행령 제41조·제43조·제44조에 따라 요구를 받은 날부터 10일 이내에 처리합니다.{{/kr}}{{#eu}} GDPR 제12조제3항에 따라 접수일부터 1개월 이내에 답변합니다.{{/eu}}{{#ca}} 캘리포니아주 소비자개인정보보호법 시행규칙(11 CCR § 7021)에 따라 접수일부터 45일 이내에 답변합니다.{{/ca}}{{#hipaa}} HIPAA(45 CFR § 164.524)에 따라 접수일부터 30일 이내에 처리합니다.{{/hipaa}} 정당한 사유로 기한 안에 처리하기 어려우면 기한 전에 그 사유와 새 기한을 알려 드립니다.\n\n본인 확인을 위해 자료를 요청드릴 수 있습니다. 본인 확인 중에도 처리 기한은 그대로입니다.\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe received your personal data {{requestType}} request of {{receivedOn}}.\nReference: {{reference}}\n\nWe will tell you the outcome by {{dueOn}}.{{#eu}} The GDPR (Art. 12(3)) gives us one month from receipt.{{/eu}}{{#ca}} Under the CCPA regulations (11 CCR § 7021) we respond within 45 calendar days of receipt.{{/ca}}{{#hipaa}} Under HIPAA (45 CFR § 164.524) we act on a request for access within 30 days of receipt.{{/hipaa}}{{#kr}} Under Korea''s Personal Information Protection Act we answer within 10 days of receipt.{{/kr}} If a justified reason keeps us from finishing in time, we will tell you the reason and the new date before then.\n\nWe may ask you for information to verify your identity; the time limit keeps running meanwhile.\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "dueOn": "2026년 9월 28일", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.acknowledgement.letter', 'document', 'letter',
  E'Rights request: receipt, with the reference and the due date (all regimes) (letter, PDF)',
  false,
  E'[Shelby] 개인정보 {{requestType}} 요구를 접수했습니다 ({{reference}})',
  E'[Shelby] We received your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 보내 주신 개인정보 {{requestType}} 요구를 접수했습니다.\n접수번호: {{reference}}\n\n{{dueOn}}까지 결과를 알려 드리겠습니다.{{#kr}} 「개인정보 보호법」 시행령 제41조·제43조·제44조에 따라 요구를 받은 날부터 10일 이내에 처리합니다.{{/kr}}{{#eu}} GDPR 제12조제3항에 따라 접수일부터 1개월 이내에 답변합니다.{{/eu}}{{#ca}} 캘리포니아주 소비자개인정보보호법 시행규칙(11 CCR § 7021)에 따라 접수일부터 45일 이내에 답변합니다.{{/ca}}{{#hipaa}} HIPAA(45 CFR § 164.524)에 따라 접수일부터 30일 이내에 처리합니다.{{/hipaa}} 정당한 사유로 기한 안에 처리하기 어려우면 기한 전에 그 사유와 새 기한을 알려 드립니다.\n\n본인 확인을 위해 자료를 요청드릴 수 있습니다. 본인 확인 중에도 처리 기한은 그대로입니다.\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe received your personal data {{requestType}} request of {{receivedOn}}.\nReference: {{reference}}\n\nWe will tell you the outcome by {{dueOn}}.{{#eu}} The GDPR (Art. 12(3)) gives us one month from receipt.{{/eu}}{{#ca}} Under the CCPA regulations (11 CCR § 7021) we respond within 45 calendar days of receipt.{{/ca}}{{#hipaa}} Under HIPAA (45 CFR § 164.524) we act on a request for access within 30 days of receipt.{{/hipaa}}{{#kr}} Under Korea''s Personal Information Protection Act we answer within 10 days of receipt.{{/kr}} If a justified reason keeps us from finishing in time, we will tell you the reason and the new date before then.\n\nWe may ask you for information to verify your identity; the time limit keeps running meanwhile.\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "dueOn": "2026년 9월 28일", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.extension.email', 'message', 'email',
  E'Rights request: postponement or extension of the due date, with its grounds and how to object (e-mail)',
  true,
  E'[Shelby] 개인정보 {{requestType}} 요구 처리 연기 안내 ({{reference}})',
  E'[Shelby] We need more time for your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})의 처리를 다음과 같이 연기함을 알려 드립니다.\n\n원래 기한: {{dueOn}}\n새 기한: {{extendedDueOn}}\n연기 사유: {{grounds}}\n{{#kr}}\n「개인정보 보호법」 제35조제3항과 같은 법 시행령 제41조제5항에 따라 알려 드립니다. 연기 사유가 없어지면 지체 없이 처리하겠습니다.\n{{/kr}}\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe need more time to complete your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nOriginal due date: {{dueOn}}\nNew due date: {{extendedDueOn}}\nReasons: {{grounds}}\n{{#eu}}\nThe GDPR (Art. 12(3)) allows a further period where necessary, taking into account the complexity and number of requests.\n{{/eu}}{{#hipaa}}\nUnder HIPAA (45 CFR § 164.524(b)(2)) we may take up to 30 more days, once; we will act by the date above.\n{{/hipaa}}\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "dueOn": "2026년 9월 28일", "extendedDueOn": "2026년 10월 8일", "grounds": "세 서비스에 나뉘어 있는 상담 기록을 모으고 있습니다.", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.extension.letter', 'document', 'letter',
  E'Rights request: postponement or extension of the due date, with its grounds and how to object (letter, PDF)',
  false,
  E'[Shelby] 개인정보 {{requestType}} 요구 처리 연기 안내 ({{reference}})',
  E'[Shelby] We need more time for your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})의 처리를 다음과 같이 연기함을 알려 드립니다.\n\n원래 기한: {{dueOn}}\n새 기한: {{extendedDueOn}}\n연기 사유: {{grounds}}\n{{#kr}}\n「개인정보 보호법」 제35조제3항과 같은 법 시행령 제41조제5항에 따라 알려 드립니다. 연기 사유가 없어지면 지체 없이 처리하겠습니다.\n{{/kr}}\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe need more time to complete your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nOriginal due date: {{dueOn}}\nNew due date: {{extendedDueOn}}\nReasons: {{grounds}}\n{{#eu}}\nThe GDPR (Art. 12(3)) allows a further period where necessary, taking into account the complexity and number of requests.\n{{/eu}}{{#hipaa}}\nUnder HIPAA (45 CFR § 164.524(b)(2)) we may take up to 30 more days, once; we will act by the date above.\n{{/hipaa}}\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "dueOn": "2026년 9월 28일", "extendedDueOn": "2026년 10월 8일", "grounds": "세 서비스에 나뉘어 있는 상담 기록을 모으고 있습니다.", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.completion.email', 'message', 'email',
  E'Rights request: completed, with what was done, erased and kept (statute, destruction date) and who was told (e-mail)',
  true,
  E'[Shelby] 개인정보 {{requestType}} 요구 처리 결과 안내 ({{reference}})',
  E'[Shelby] Your personal data {{requestType}} request is complete ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})를 처리했습니다.\n\n처리 결과: {{outcome}}\n{{#hasErased}}\n삭제한 개인정보(복구할 수 없도록 파기했습니다):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\n다른 법령에 따라 보관하는 개인정보(보관 기간이 끝나면 지체 없이 파기합니다):\n{{#retained}}- {{item}}: {{law}}, 파기 예정일 {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\n개인정보를 제공받거나 처리를 위탁받은 곳에도 같은 조치를 알렸습니다:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe have completed your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nOutcome: {{outcome}}\n{{#hasErased}}\nErased (destroyed so that it cannot be restored):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\nKept because another law requires it (destroyed without delay when that period ends):\n{{#retained}}- {{item}}: {{law}}, to be destroyed on {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\nWe told those who receive or process this data for us to do the same:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "삭제", "receivedOn": "2026년 9월 14일", "outcome": "요청하신 개인정보를 삭제했습니다.", "hasErased": true, "erased": [{"item": "상담 기록"}, {"item": "연락처"}], "hasRetained": true, "retained": [{"item": "결제 기록", "law": "「전자상거래 등에서의 소비자보호에 관한 법률」 제6조 (5년)", "destroyOn": "2031년 9월 30일"}], "hasRecipients": true, "recipients": [{"name": "결제대행사"}], "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.completion.letter', 'document', 'letter',
  E'Rights request: completed, with what was done, erased and kept (statute, destruction date) and who was told (letter, PDF)',
  false,
  E'[Shelby] 개인정보 {{requestType}} 요구 처리 결과 안내 ({{reference}})',
  E'[Shelby] Your personal data {{requestType}} request is complete ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})를 처리했습니다.\n\n처리 결과: {{outcome}}\n{{#hasErased}}\n삭제한 개인정보(복구할 수 없도록 파기했습니다):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\n다른 법령에 따라 보관하는 개인정보(보관 기간이 끝나면 지체 없이 파기합니다):\n{{#retained}}- {{item}}: {{law}}, 파기 예정일 {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\n개인정보를 제공받거나 처리를 위탁받은 곳에도 같은 조치를 알렸습니다:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe have completed your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nOutcome: {{outcome}}\n{{#hasErased}}\nErased (destroyed so that it cannot be restored):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\nKept because another law requires it (destroyed without delay when that period ends):\n{{#retained}}- {{item}}: {{law}}, to be destroyed on {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\nWe told those who receive or process this data for us to do the same:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "삭제", "receivedOn": "2026년 9월 14일", "outcome": "요청하신 개인정보를 삭제했습니다.", "hasErased": true, "erased": [{"item": "상담 기록"}, {"item": "연락처"}], "hasRetained": true, "retained": [{"item": "결제 기록", "law": "「전자상거래 등에서의 소비자보호에 관한 법률」 제6조 (5년)", "destroyOn": "2031년 9월 30일"}], "hasRecipients": true, "recipients": [{"name": "결제대행사"}], "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.partial.email', 'message', 'email',
  E'Rights request: partly completed, with what was done and, for the rest, the grounds and how to object and complain (e-mail)',
  true,
  E'[Shelby] 개인정보 {{requestType}} 요구 일부 처리 결과 안내 ({{reference}})',
  E'[Shelby] Your personal data {{requestType}} request is partly complete ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})의 일부를 처리했습니다.\n\n처리한 부분: {{outcome}}\n{{#hasErased}}\n삭제한 개인정보(복구할 수 없도록 파기했습니다):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\n다른 법령에 따라 보관하는 개인정보(보관 기간이 끝나면 지체 없이 파기합니다):\n{{#retained}}- {{item}}: {{law}}, 파기 예정일 {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\n개인정보를 제공받거나 처리를 위탁받은 곳에도 같은 조치를 알렸습니다:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n처리하지 않은 부분과 그 사유: {{grounds}}\n근거: {{refusalBasis}}\n\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe have completed part of your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nWhat we did: {{outcome}}\n{{#hasErased}}\nErased (destroyed so that it cannot be restored):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\nKept because another law requires it (destroyed without delay when that period ends):\n{{#retained}}- {{item}}: {{law}}, to be destroyed on {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\nWe told those who receive or process this data for us to do the same:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\nWhat we did not do, and why: {{grounds}}\nBasis: {{refusalBasis}}\n\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "삭제", "receivedOn": "2026년 9월 14일", "outcome": "상담 기록과 연락처를 삭제했습니다.", "hasErased": true, "erased": [{"item": "상담 기록"}], "hasRetained": true, "retained": [{"item": "결제 기록", "law": "「전자상거래 등에서의 소비자보호에 관한 법률」 제6조 (5년)", "destroyOn": "2031년 9월 30일"}], "hasRecipients": false, "recipients": [], "grounds": "결제 기록은 법령에 따라 5년간 보관해야 합니다.", "refusalBasis": "법률에 따른 제한 (「개인정보 보호법」 제35조제4항제1호, 제36조제1항 단서)", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.partial.letter', 'document', 'letter',
  E'Rights request: partly completed, with what was done and, for the rest, the grounds and how to object and complain (letter, PDF)',
  false,
  E'[Shelby] 개인정보 {{requestType}} 요구 일부 처리 결과 안내 ({{reference}})',
  E'[Shelby] Your personal data {{requestType}} request is partly complete ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})의 일부를 처리했습니다.\n\n처리한 부분: {{outcome}}\n{{#hasErased}}\n삭제한 개인정보(복구할 수 없도록 파기했습니다):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\n다른 법령에 따라 보관하는 개인정보(보관 기간이 끝나면 지체 없이 파기합니다):\n{{#retained}}- {{item}}: {{law}}, 파기 예정일 {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\n개인정보를 제공받거나 처리를 위탁받은 곳에도 같은 조치를 알렸습니다:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\n처리하지 않은 부분과 그 사유: {{grounds}}\n근거: {{refusalBasis}}\n\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe have completed part of your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}).\n\nWhat we did: {{outcome}}\n{{#hasErased}}\nErased (destroyed so that it cannot be restored):\n{{#erased}}- {{item}}\n{{/erased}}{{/hasErased}}{{#hasRetained}}\nKept because another law requires it (destroyed without delay when that period ends):\n{{#retained}}- {{item}}: {{law}}, to be destroyed on {{destroyOn}}\n{{/retained}}{{/hasRetained}}{{#hasRecipients}}\nWe told those who receive or process this data for us to do the same:\n{{#recipients}}- {{name}}\n{{/recipients}}{{/hasRecipients}}\nWhat we did not do, and why: {{grounds}}\nBasis: {{refusalBasis}}\n\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "삭제", "receivedOn": "2026년 9월 14일", "outcome": "상담 기록과 연락처를 삭제했습니다.", "hasErased": true, "erased": [{"item": "상담 기록"}], "hasRetained": true, "retained": [{"item": "결제 기록", "law": "「전자상거래 등에서의 소비자보호에 관한 법률」 제6조 (5년)", "destroyOn": "2031년 9월 30일"}], "hasRecipients": false, "recipients": [], "grounds": "결제 기록은 법령에 따라 5년간 보관해야 합니다.", "refusalBasis": "법률에 따른 제한 (「개인정보 보호법」 제35조제4항제1호, 제36조제1항 단서)", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.rejection.email', 'message', 'email',
  E'Rights request: refused, with the grounds, the legal basis, how to object and where to complain (e-mail)',
  true,
  E'[Shelby] 개인정보 {{requestType}} 요구 거절 통지 ({{reference}})',
  E'[Shelby] We cannot act on your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})를 다음 사유로 거절함을 알려 드립니다.{{#kr}} 「개인정보 보호법」 시행령 제42조에 따른 통지입니다.{{/kr}}\n\n거절 사유: {{grounds}}\n근거: {{refusalBasis}}\n\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe cannot act on your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}), for the following reasons.\n\nReasons: {{grounds}}\nBasis: {{refusalBasis}}\n\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "grounds": "요청하신 기록에 다른 사람의 상담 내용이 함께 있어 그 사람의 이익을 부당하게 침해할 우려가 있습니다.", "refusalBasis": "다른 사람의 재산과 그 밖의 이익을 부당하게 침해할 우려 (「개인정보 보호법」 제35조제4항제2호)", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.rejection.letter', 'document', 'letter',
  E'Rights request: refused, with the grounds, the legal basis, how to object and where to complain (letter, PDF)',
  false,
  E'[Shelby] 개인정보 {{requestType}} 요구 거절 통지 ({{reference}})',
  E'[Shelby] We cannot act on your personal data {{requestType}} request ({{reference}})',
  E'{{name}}님께\n\n{{receivedOn}}에 접수한 개인정보 {{requestType}} 요구(접수번호 {{reference}})를 다음 사유로 거절함을 알려 드립니다.{{#kr}} 「개인정보 보호법」 시행령 제42조에 따른 통지입니다.{{/kr}}\n\n거절 사유: {{grounds}}\n근거: {{refusalBasis}}\n\n이의제기 방법: {{remedy}}\n\n' || (SELECT ko FROM seed_routes) || E'\n\n문의: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'Dear {{name}},\n\nWe cannot act on your personal data {{requestType}} request of {{receivedOn}} (reference {{reference}}), for the following reasons.\n\nReasons: {{grounds}}\nBasis: {{refusalBasis}}\n\nHow to object: {{remedy}}\n\n' || (SELECT en FROM seed_routes) || E'\n\nQuestions: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"name": "홍길동", "reference": "RR-2026-000042", "requestType": "열람", "receivedOn": "2026년 9월 14일", "grounds": "요청하신 기록에 다른 사람의 상담 내용이 함께 있어 그 사람의 이익을 부당하게 침해할 우려가 있습니다.", "refusalBasis": "다른 사람의 재산과 그 밖의 이익을 부당하게 침해할 우려 (「개인정보 보호법」 제35조제4항제2호)", "remedy": "이 통지를 받은 날부터 7일 이내에 privacy@shelby.example로 이의를 제기하실 수 있습니다.", "kr": true, "eu": false, "ca": false, "hipaa": false}'
),
(
  'rights-request.processor-notice.email', 'message', 'email',
  E'Rights request: notice to a processor or recipient of a rectification, erasure or restriction (GDPR Art. 19; PIPA Art. 26) (e-mail)',
  true,
  E'[Shelby] 정보주체 요구에 따른 개인정보 {{action}} 통지 ({{reference}})',
  E'[Shelby] Notice of {{action}} of personal data at a data subject''s request ({{reference}})',
  E'{{recipientName}} 개인정보 보호 담당자님께\n\nShelby가 귀사에 처리를 위탁하거나 제공한 개인정보에 관하여, 정보주체의 요구(접수번호 {{reference}})에 따라 다음과 같이 조치했음을 알려 드립니다.\n\n정보주체 식별번호: {{subjectRef}}\n조치: {{action}}\n조치일: {{actedOn}}\n대상 항목:\n{{#items}}- {{.}}\n{{/items}}\n귀사가 보유한 같은 개인정보에도 지체 없이 같은 조치를 하시고, {{replyBy}}까지 조치 결과(일시와 방법)를 회신해 주십시오.{{#kr}} (「개인정보 보호법」 제26조, 제36조, 제37조){{/kr}}{{#eu}} (GDPR 제19조, 제28조제3항){{/eu}}\n\n회신처: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'To the privacy contact of {{recipientName}},\n\nAt a data subject''s request (reference {{reference}}) we have taken the action below on personal data that Shelby entrusted to or shared with you.\n\nData subject identifier: {{subjectRef}}\nAction: {{action}}\nDate: {{actedOn}}\nData concerned:\n{{#items}}- {{.}}\n{{/items}}\nPlease take the same action without delay on the data you hold, and confirm to us by {{replyBy}} when and how you did.{{#eu}} (GDPR Art. 19 and 28(3)){{/eu}}{{#kr}} (Korea PIPA Art. 26, 36 and 37){{/kr}}\n\nReply to: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"recipientName": "결제대행사", "reference": "RR-2026-000042", "subjectRef": "C-000123", "action": "삭제", "actedOn": "2026년 9월 25일", "items": ["이름", "휴대전화번호"], "replyBy": "2026년 10월 2일", "kr": true, "eu": false}'
),
(
  'rights-request.processor-notice.letter', 'document', 'letter',
  E'Rights request: notice to a processor or recipient of a rectification, erasure or restriction (GDPR Art. 19; PIPA Art. 26) (letter, PDF)',
  false,
  E'[Shelby] 정보주체 요구에 따른 개인정보 {{action}} 통지 ({{reference}})',
  E'[Shelby] Notice of {{action}} of personal data at a data subject''s request ({{reference}})',
  E'{{recipientName}} 개인정보 보호 담당자님께\n\nShelby가 귀사에 처리를 위탁하거나 제공한 개인정보에 관하여, 정보주체의 요구(접수번호 {{reference}})에 따라 다음과 같이 조치했음을 알려 드립니다.\n\n정보주체 식별번호: {{subjectRef}}\n조치: {{action}}\n조치일: {{actedOn}}\n대상 항목:\n{{#items}}- {{.}}\n{{/items}}\n귀사가 보유한 같은 개인정보에도 지체 없이 같은 조치를 하시고, {{replyBy}}까지 조치 결과(일시와 방법)를 회신해 주십시오.{{#kr}} (「개인정보 보호법」 제26조, 제36조, 제37조){{/kr}}{{#eu}} (GDPR 제19조, 제28조제3항){{/eu}}\n\n회신처: Shelby 개인정보 보호책임자 (privacy@shelby.example)',
  E'To the privacy contact of {{recipientName}},\n\nAt a data subject''s request (reference {{reference}}) we have taken the action below on personal data that Shelby entrusted to or shared with you.\n\nData subject identifier: {{subjectRef}}\nAction: {{action}}\nDate: {{actedOn}}\nData concerned:\n{{#items}}- {{.}}\n{{/items}}\nPlease take the same action without delay on the data you hold, and confirm to us by {{replyBy}} when and how you did.{{#eu}} (GDPR Art. 19 and 28(3)){{/eu}}{{#kr}} (Korea PIPA Art. 26, 36 and 37){{/kr}}\n\nReply to: Shelby, Data Protection Officer (privacy@shelby.example)',
  E'{"recipientName": "결제대행사", "reference": "RR-2026-000042", "subjectRef": "C-000123", "action": "삭제", "actedOn": "2026년 9월 25일", "items": ["이름", "휴대전화번호"], "replyBy": "2026년 10월 2일", "kr": true, "eu": false}'
);

CREATE TEMPORARY TABLE seeded_letters ON COMMIT DROP AS
SELECT gen_random_uuid() AS id, s.*, now() AS at FROM seed_letters s;

INSERT INTO message_templates (id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, version, created_at, updated_at)
SELECT id, template_key, kind, channel, description, delete_content_after_send,
  subject_ko, subject_en, body_ko, body_en, sample_data, 1, at, at
FROM seeded_letters;

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, 1, 'seed', NULL, 'system', 'Seeded by migration 20261204000200', at,
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description
  )
FROM seeded_letters;
