-- What each letter, notice and message is for, in Korean (description_ko) beside the English
-- (description): the Korean templates screen listed all of them in English. Edited with the
-- template from now on; the versions saved before this keep the English description only.
ALTER TABLE message_templates ADD COLUMN description_ko text;

UPDATE message_templates t SET description_ko = v.ko
FROM (VALUES
  ('account.dormancy-notice', '계정의 개인정보를 분리보관하기 30일 전에 보내는 문자(Shelby 처리방침 제2조)'),
  ('dormancy.notice-app', '이메일·전화번호가 없는 사람에게 쓰지 않는 계정이 휴면 전환됨을 알리는 앱 알림(30일 전)'),
  ('dormancy.notice-email', '쓰지 않는 계정이 휴면 계정으로 분리보관됨을 알리는 이메일(30일 전)'),
  ('dormancy.notice-sms', '쓰지 않는 계정이 휴면 계정으로 분리보관됨을 알리는 짧은 문자(30일 전)'),
  ('incident.eu-authority-report', '감독기구에 대한 개인정보 유출 신고(GDPR 제33조제3항·제1항) (PDF)'),
  ('incident.eu-subject-notice', '위험이 높은 개인정보 유출의 정보주체 통지(GDPR 제34조제2항)'),
  ('incident.kr-regulator-report', '개인정보보호위원회 또는 한국인터넷진흥원에 대한 유출 신고(「개인정보 보호법」 제34조제3항, 같은 법 시행령 제40조) (PDF)'),
  ('incident.subject-notice', '「개인정보 보호법」 제34조제1항의 항목을 담은 정보주체 유출 통지'),
  ('incident.us-hhs-report', '미국 보건복지부(HHS) 장관에 대한 HIPAA 유출 신고(45 CFR 164.408), 연간 기록과 언론 공지 겸용 (PDF)'),
  ('incident.us-individual-notice', '보호되지 않은 건강정보 유출을 개인에게 알리는 HIPAA 통지(45 CFR 164.404(c))'),
  ('retention.destruction-certificate', '개인정보 파기 확인서(「개인정보 보호법」 제21조, 표준 개인정보 보호지침)'),
  ('retention.hold-review', '법적 보존 조치 담당자에게 검토일이 되었음을 알리는 알림'),
  ('rights-request.acknowledgement', '권리 행사 요청(열람·정정·삭제·처리정지) 접수 안내, 접수 번호와 기한 포함'),
  ('rights-request.acknowledgement.email', '권리 행사 요청: 접수 안내, 접수 번호와 기한 포함(모든 법령) (이메일)'),
  ('rights-request.acknowledgement.letter', '권리 행사 요청: 접수 안내, 접수 번호와 기한 포함(모든 법령) (서신, PDF)'),
  ('rights-request.completion.email', '권리 행사 요청: 처리 완료 안내, 처리한 내용과 삭제·보존한 항목(근거 법령, 파기일), 알린 곳 포함 (이메일)'),
  ('rights-request.completion.letter', '권리 행사 요청: 처리 완료 안내, 처리한 내용과 삭제·보존한 항목(근거 법령, 파기일), 알린 곳 포함 (서신, PDF)'),
  ('rights-request.extension.email', '권리 행사 요청: 처리 연기 또는 기한 연장 안내, 사유와 이의 제기 방법 포함 (이메일)'),
  ('rights-request.extension.letter', '권리 행사 요청: 처리 연기 또는 기한 연장 안내, 사유와 이의 제기 방법 포함 (서신, PDF)'),
  ('rights-request.partial.email', '권리 행사 요청: 일부 처리 안내, 처리한 내용과 나머지의 사유, 이의 제기·불복 방법 포함 (이메일)'),
  ('rights-request.partial.letter', '권리 행사 요청: 일부 처리 안내, 처리한 내용과 나머지의 사유, 이의 제기·불복 방법 포함 (서신, PDF)'),
  ('rights-request.processor-notice.email', '권리 행사 요청: 수탁자나 제공받는 자에게 정정·삭제·처리정지를 알리는 통지(GDPR 제19조, 「개인정보 보호법」 제26조) (이메일)'),
  ('rights-request.processor-notice.letter', '권리 행사 요청: 수탁자나 제공받는 자에게 정정·삭제·처리정지를 알리는 통지(GDPR 제19조, 「개인정보 보호법」 제26조) (서신, PDF)'),
  ('rights-request.recipient-notice', '사용 중지: rights-request.processor-notice.email / .letter로 바뀌었습니다(이 서식으로 보내는 것은 없음)'),
  ('rights-request.rejection.email', '권리 행사 요청: 거절 안내, 사유와 법적 근거, 이의 제기 방법과 불복할 곳 포함 (이메일)'),
  ('rights-request.rejection.letter', '권리 행사 요청: 거절 안내, 사유와 법적 근거, 이의 제기 방법과 불복할 곳 포함 (서신, PDF)'),
  ('rights-request.staff-reminder', '담당 직원에게 보내는 알림: 권리 행사 요청의 기한이 임박했거나 지났음')
) AS v(template_key, ko)
WHERE t.template_key = v.template_key;

-- A template a deployment added by hand keeps its English description in Korean until edited.
UPDATE message_templates SET description_ko = description WHERE description_ko IS NULL;

ALTER TABLE message_templates
  ALTER COLUMN description_ko SET NOT NULL,
  ADD CONSTRAINT message_templates_description_ko_length CHECK (length(description_ko) BETWEEN 1 AND 500);

-- Each template's history says so: a version by the system with the Korean description, so that
-- the next edit's list of changed fields is only that edit's.
UPDATE message_templates SET version = version + 1, updated_at = now();

INSERT INTO message_template_versions (template_id, version, operation, author_id, author_name, reason, changed_at, snapshot)
SELECT id, version, 'seed', NULL, 'system', 'Korean description added (migration 20261209000200)', now(),
  jsonb_build_object(
    'subjectKo', subject_ko, 'subjectEn', subject_en, 'bodyKo', body_ko, 'bodyEn', body_en,
    'deleteContentAfterSend', delete_content_after_send, 'sampleData', sample_data, 'description', description,
    'descriptionKo', description_ko
  )
FROM message_templates;
