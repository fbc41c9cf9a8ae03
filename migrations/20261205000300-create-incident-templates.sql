-- F8 playbooks: the checklist templates, the written incident response plan the MaumJuui policy
-- promises. A template's tasks follow the four phases of NIST SP 800-61 (preparation; detection
-- and analysis; containment, eradication and recovery; post-incident review), each with a due
-- offset in hours from the moment of awareness. Every save is a new row in
-- incident_template_versions, which is never edited: an incident names the exact version its
-- tasks were made from (incidents.template_version_id).
--
-- A version's tasks (checked by server/src/incidents/templates/template-validation.ts):
--   [{ "key": "isolate_server", "phase": "containment_eradication_recovery",
--      "title": {"ko": …, "en": …}, "description": {"ko": …, "en": …} (optional),
--      "dueOffsetHours": 0–8760, "dependsOn": ["assemble_team"], "role": "security" | "dpo" (optional) }]

CREATE TABLE incident_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  key text NOT NULL UNIQUE CHECK (key ~ '^[a-z][a-z0-9_]{1,60}$'),
  -- The current version's name and description, copied here so that lists need no join.
  name jsonb NOT NULL CHECK (jsonb_typeof(name -> 'ko') = 'string' AND jsonb_typeof(name -> 'en') = 'string'),
  description jsonb CHECK (jsonb_typeof(description) = 'object'),
  -- The vector the template is for, offered first when an incident of that vector is opened.
  suggested_vector text CHECK (suggested_vector IN ('outside_hacking', 'insider', 'loss_theft', 'misdelivery',
    'vendor', 'other')),
  current_version integer NOT NULL CHECK (current_version >= 1),
  -- An archived template starts no new incident; its versions stay readable.
  archived_at timestamptz,
  archived_by uuid REFERENCES staff (id),
  -- Null for the defaults this migration ships.
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- Optimistic locking: a save names the version it edited (409 when someone saved in between).
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1)
);

CREATE TABLE incident_template_versions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  template_id uuid NOT NULL REFERENCES incident_templates (id),
  version integer NOT NULL CHECK (version >= 1),
  name jsonb NOT NULL CHECK (jsonb_typeof(name -> 'ko') = 'string' AND jsonb_typeof(name -> 'en') = 'string'),
  description jsonb CHECK (jsonb_typeof(description) = 'object'),
  tasks jsonb NOT NULL CHECK (jsonb_typeof(tasks) = 'array' AND jsonb_array_length(tasks) BETWEEN 1 AND 100),
  -- Why it changed, in the editor's words.
  note text NOT NULL CHECK (length(note) BETWEEN 3 AND 1000),
  created_by uuid REFERENCES staff (id),
  created_at timestamptz NOT NULL,
  UNIQUE (template_id, version)
);

CREATE TRIGGER incident_template_versions_append_only BEFORE UPDATE OR DELETE ON incident_template_versions
  FOR EACH ROW EXECUTE FUNCTION incident_records_refuse_change();
CREATE TRIGGER incident_template_versions_no_truncate BEFORE TRUNCATE ON incident_template_versions
  FOR EACH STATEMENT EXECUTE FUNCTION incident_records_refuse_change();
ALTER TABLE incident_template_versions ENABLE ALWAYS TRIGGER incident_template_versions_append_only;
ALTER TABLE incident_template_versions ENABLE ALWAYS TRIGGER incident_template_versions_no_truncate;

ALTER TABLE incidents ADD CONSTRAINT incidents_template_version_fk
  FOREIGN KEY (template_version_id) REFERENCES incident_template_versions (id);

GRANT SELECT, INSERT, UPDATE ON incident_templates TO console_app;
GRANT SELECT, INSERT ON incident_template_versions TO console_app;

-- The six default templates (en and ko). Offsets count from awareness; the 72-hour tasks match
-- the PIPA Art. 34 notice, the PIPC/KISA report and the GDPR Art. 33 report.

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('personal_data_leak', '{"en":"Personal-data leak","ko":"개인정보 유출"}'::jsonb,
    '{"en":"Personal data taken from our systems by an outside attacker or exposed to the internet.","ko":"외부 공격자에 의한 개인정보 탈취 또는 인터넷 노출."}'::jsonb, 'outside_hacking', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"assemble_team","phase":"preparation","title":{"ko":"대응팀 소집(보안 책임자, 개인정보 보호책임자, 시스템 담당자) 및 사고 기록 개시","en":"Convene the response team (security lead, DPO, system owner) and open the incident record"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"confirm_contacts","phase":"preparation","title":{"ko":"연락처 확인: 개인정보보호위원회·KISA 신고 창구, EU 주감독기관, 법률 자문, 관련 수탁자","en":"Confirm the contacts: PIPC/KISA reporting channel, EU lead authority, legal counsel, affected processors"},"dueOffsetHours":4,"dependsOn":["assemble_team"],"role":"dpo"},
  {"key":"preserve_logs","phase":"detection_analysis","title":{"ko":"변경 전에 로그와 증거 보존(접속기록, 서버·방화벽·웹방화벽 로그, 디스크 스냅숏)","en":"Preserve logs and evidence (access log, server, firewall and WAF logs, disk snapshots) before changing anything"},"dueOffsetHours":2,"dependsOn":["assemble_team"],"role":"security"},
  {"key":"scope_breach","phase":"detection_analysis","title":{"ko":"유출 경로 파악: 침입 지점, 관련 시스템과 계정, 시간 범위","en":"Determine how the data left: entry point, systems, accounts and time window"},"dueOffsetHours":12,"dependsOn":["preserve_logs"],"role":"security"},
  {"key":"assess_people","phase":"detection_analysis","title":{"ko":"유출 대상자 수와 개인정보 항목 평가(민감정보, 고유식별정보 포함 여부)","en":"Assess how many people and which data categories are affected (sensitive data, unique identifiers)"},"dueOffsetHours":24,"dependsOn":["scope_breach"],"role":"dpo"},
  {"key":"assess_risk","phase":"detection_analysis","title":{"ko":"정보주체에 대한 위험을 평가하고 통지·신고 필요 여부를 이유와 함께 결정","en":"Assess the risk to people and decide the notifications (KR thresholds, EU risk) with reasons"},"dueOffsetHours":36,"dependsOn":["assess_people"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["assess_people"],"role":"dpo"},
  {"key":"report_pipc_kisa","phase":"detection_analysis","title":{"ko":"1천 명 이상·민감정보·고유식별정보·외부 해킹에 해당하면 72시간 이내 개인정보보호위원회 또는 한국인터넷진흥원에 신고","en":"Report to the PIPC or KISA within 72 hours when 1,000 or more people, sensitive data or unique identifiers, or outside hacking are involved"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"isolate_server","phase":"containment_eradication_recovery","title":{"ko":"영향받은 서버 격리 또는 접근 경로 차단(네트워크 정책, 노출된 엔드포인트 비활성화)","en":"Isolate the affected server or close the access path (network rules, disable the exposed endpoint)"},"dueOffsetHours":2,"dependsOn":["assemble_team"],"role":"security"},
  {"key":"reset_credentials","phase":"containment_eradication_recovery","title":{"ko":"노출된 비밀번호·API 키·토큰 재설정 및 활성 세션 종료","en":"Reset exposed passwords, API keys and tokens; end active sessions"},"dueOffsetHours":6,"dependsOn":["isolate_server"],"role":"security"},
  {"key":"remove_cause","phase":"containment_eradication_recovery","title":{"ko":"원인 제거: 취약점 패치, 웹셸·악성코드 제거, 잘못된 설정 수정","en":"Remove the cause: patch the vulnerability, remove web shells or malware, fix the misconfiguration"},"dueOffsetHours":120,"dependsOn":["scope_breach","isolate_server"],"role":"security"},
  {"key":"restore_service","phase":"containment_eradication_recovery","title":{"ko":"정상 상태로 서비스 복구, 재발과 유출 정보의 악용 여부 모니터링","en":"Restore the service from a known-good state and watch for recurrence and misuse of the leaked data"},"dueOffsetHours":168,"dependsOn":["remove_cause"],"role":"security"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선","en":"Hold the lessons-learned review and update the response plan and controls"},"dueOffsetHours":336,"dependsOn":["restore_service"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["restore_service"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('ransomware', '{"en":"Ransomware","ko":"랜섬웨어"}'::jsonb,
    '{"en":"Systems or files encrypted by ransomware, possibly with data taken first (double extortion).","ko":"랜섬웨어로 시스템이나 파일이 암호화된 경우(사전 데이터 탈취 가능성 포함)."}'::jsonb, 'outside_hacking', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"assemble_team","phase":"preparation","title":{"ko":"대응팀 소집(보안 책임자, 개인정보 보호책임자, 시스템 담당자, 경영진) 및 사고 기록 개시","en":"Convene the response team (security lead, DPO, system owner, management) and open the incident record"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"contact_authorities","phase":"preparation","title":{"ko":"경찰 사이버수사대, KISA(118), 사이버보험사에 연락; 경영진 결정 없이 지불·협상 금지","en":"Contact the police cyber bureau, KISA (118) and the cyber insurer; no payment or negotiation without a management decision"},"dueOffsetHours":24,"dependsOn":["assemble_team"],"role":"dpo"},
  {"key":"preserve_evidence","phase":"detection_analysis","title":{"ko":"재설치 전에 감염 호스트의 메모리 이미지, 랜섬 노트, 로그 보존","en":"Preserve memory images, ransom notes and logs of infected hosts before reimaging"},"dueOffsetHours":2,"dependsOn":["assemble_team"],"role":"security"},
  {"key":"identify_strain","phase":"detection_analysis","title":{"ko":"랜섬웨어 종류, 최초 감염 호스트, 침입 경로 식별","en":"Identify the ransomware strain, patient zero and the entry point"},"dueOffsetHours":8,"dependsOn":["preserve_evidence"],"role":"security"},
  {"key":"check_exfiltration","phase":"detection_analysis","title":{"ko":"데이터 반출 여부 확인: 외부 전송 트래픽, 압축 파일, 유출 사이트 게시","en":"Check whether data was taken: outbound traffic, staging archives, leak-site postings"},"dueOffsetHours":24,"dependsOn":["preserve_evidence"],"role":"security"},
  {"key":"assess_people","phase":"detection_analysis","title":{"ko":"암호화되거나 반출된 데이터의 정보주체와 개인정보 항목 평가","en":"Assess the people and data categories in the encrypted or taken data"},"dueOffsetHours":48,"dependsOn":["check_exfiltration"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["assess_people"],"role":"dpo"},
  {"key":"report_pipc_kisa","phase":"detection_analysis","title":{"ko":"1천 명 이상·민감정보·고유식별정보·외부 해킹에 해당하면 72시간 이내 개인정보보호위원회 또는 한국인터넷진흥원에 신고","en":"Report to the PIPC or KISA within 72 hours when 1,000 or more people, sensitive data or unique identifiers, or outside hacking are involved"},"dueOffsetHours":72,"dependsOn":["assess_people"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_people"],"role":"dpo"},
  {"key":"isolate_hosts","phase":"containment_eradication_recovery","title":{"ko":"감염 호스트를 네트워크에서 격리(EDR 격리 또는 분리), 공유 드라이브 연결 해제, 사용 중인 VPN 계정 정지","en":"Isolate infected hosts from the network (EDR isolation or unplug); disconnect shared drives and suspend VPN accounts in use"},"dueOffsetHours":1,"dependsOn":["assemble_team"],"role":"security"},
  {"key":"check_backups","phase":"containment_eradication_recovery","title":{"ko":"백업 점검: 오프라인 사본 존재, 훼손 여부, 복원 시험","en":"Check the backups: offline copies exist, are untouched and restore cleanly (test restore)"},"dueOffsetHours":4,"dependsOn":["isolate_hosts"],"role":"security"},
  {"key":"reset_credentials","phase":"containment_eradication_recovery","title":{"ko":"도메인·관리자·서비스 계정 자격 증명 재설정","en":"Reset domain, administrator and service-account credentials"},"dueOffsetHours":12,"dependsOn":["isolate_hosts"],"role":"security"},
  {"key":"rebuild_systems","phase":"containment_eradication_recovery","title":{"ko":"깨끗한 이미지로 시스템 재구축, 검증된 백업으로 데이터 복원","en":"Rebuild affected systems from clean images and restore data from verified backups"},"dueOffsetHours":120,"dependsOn":["check_backups","identify_strain","reset_credentials"],"role":"security"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선(백업 분리, 패치, 피싱 교육)","en":"Hold the lessons-learned review and update the response plan and controls (backup isolation, patching, phishing training)"},"dueOffsetHours":336,"dependsOn":["rebuild_systems"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["rebuild_systems"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('lost_device', '{"en":"Lost or stolen device","ko":"기기 분실·도난"}'::jsonb,
    '{"en":"A laptop, phone or storage medium holding or reaching personal data is lost or stolen.","ko":"개인정보가 저장되었거나 접근 가능한 노트북·휴대전화·저장매체의 분실 또는 도난."}'::jsonb, 'loss_theft', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"record_report","phase":"preparation","title":{"ko":"분실 기록: 기기 사용자, 기기 종류, 마지막으로 확인된 장소와 시간","en":"Record the loss: whose device, what it is, where and when it was last seen"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"check_encryption","phase":"detection_analysis","title":{"ko":"단말 관리(MDM)에서 기기 암호화와 잠금 설정 여부 확인","en":"Check in the device management (MDM) whether the device is encrypted and locked"},"dueOffsetHours":4,"dependsOn":["record_report"],"role":"security"},
  {"key":"list_data","phase":"detection_analysis","title":{"ko":"기기에 저장되었거나 기기로 접근 가능한 개인정보 목록화(동기화된 메일, 캐시 파일, 로그인된 앱)","en":"List the personal data on the device or reachable from it (synced mail, cached files, signed-in apps)"},"dueOffsetHours":24,"dependsOn":["record_report"],"role":"security"},
  {"key":"assess_risk","phase":"detection_analysis","title":{"ko":"위험 평가(암호화·원격 삭제 여부 등) 후 통지·신고 필요 여부를 이유와 함께 결정","en":"Assess the risk (encrypted and wiped, or readable) and decide the notifications with reasons"},"dueOffsetHours":36,"dependsOn":["check_encryption","list_data"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"remote_wipe","phase":"containment_eradication_recovery","title":{"ko":"MDM으로 기기 잠금과 원격 삭제, 삭제 확인 결과를 증거로 보관","en":"Lock and remotely wipe the device through the MDM; keep the wipe confirmation as evidence"},"dueOffsetHours":2,"dependsOn":["record_report"],"role":"security"},
  {"key":"revoke_sessions","phase":"containment_eradication_recovery","title":{"ko":"기기 로그아웃 처리: 세션·토큰·VPN 인증서 폐기, 사용자 비밀번호 변경","en":"Sign the device out: revoke its sessions, tokens and VPN certificate; change the user''s passwords"},"dueOffsetHours":2,"dependsOn":["record_report"],"role":"security"},
  {"key":"police_report","phase":"containment_eradication_recovery","title":{"ko":"도난인 경우 경찰에 신고하고 접수 번호 보관","en":"For a theft, file a police report and keep the receipt number"},"dueOffsetHours":48,"dependsOn":["record_report"],"role":"dpo"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선(모든 기기의 암호화와 MDM 등록)","en":"Hold the lessons-learned review and update the response plan and controls (encryption and MDM enrolment for every device)"},"dueOffsetHours":336,"dependsOn":["remote_wipe","revoke_sessions"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["assess_risk"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('misdirected_message', '{"en":"Misdirected email or message","ko":"이메일·메시지 오발송"}'::jsonb,
    '{"en":"An email, text or letter with personal data sent to the wrong person.","ko":"개인정보가 포함된 이메일·문자·우편이 잘못된 수신자에게 발송된 경우."}'::jsonb, 'misdelivery', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"record_report","phase":"preparation","title":{"ko":"발송 내용, 수신자, 시간, 발송 채널 기록","en":"Record what was sent, to whom, when and through which channel"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"identify_recipients","phase":"detection_analysis","title":{"ko":"잘못 받은 수신자 전원과 연락 방법 확인","en":"Identify every wrong recipient and how to reach them"},"dueOffsetHours":4,"dependsOn":["record_report"],"role":"security"},
  {"key":"assess_content","phase":"detection_analysis","title":{"ko":"메시지 내용 평가: 정보주체, 개인정보 항목, 민감정보 포함 여부","en":"Assess what the message contained: whose data, which categories, sensitive data"},"dueOffsetHours":8,"dependsOn":["record_report"],"role":"dpo"},
  {"key":"assess_risk","phase":"detection_analysis","title":{"ko":"위험 평가(수신자, 삭제 여부) 후 통지·신고 필요 여부를 이유와 함께 결정","en":"Assess the risk (who received it, whether it was deleted) and decide the notifications with reasons"},"dueOffsetHours":24,"dependsOn":["assess_content","confirm_deletion"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["assess_content"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"recall_message","phase":"containment_eradication_recovery","title":{"ko":"가능한 경우 메시지 회수 또는 공유 링크·첨부 파일 접근 권한 해제","en":"Recall the message, or revoke the shared link or attachment access where the system allows"},"dueOffsetHours":1,"dependsOn":["record_report"],"role":"security"},
  {"key":"ask_recipient_delete","phase":"containment_eradication_recovery","title":{"ko":"수신자에게 메시지와 모든 사본 삭제, 이용·전달 금지 요청","en":"Ask the recipient to delete the message and every copy, and not to use or pass it on"},"dueOffsetHours":4,"dependsOn":["identify_recipients"],"role":"security"},
  {"key":"confirm_deletion","phase":"containment_eradication_recovery","title":{"ko":"수신자의 삭제 확인을 서면으로 받아 증거로 첨부","en":"Get the recipient''s written confirmation of deletion and attach it as evidence"},"dueOffsetHours":48,"dependsOn":["ask_recipient_delete"],"role":"security"},
  {"key":"fix_cause","phase":"containment_eradication_recovery","title":{"ko":"원인 개선: 주소 자동 완성, 메일 머지 데이터, 발송 전 이중 확인","en":"Fix the cause: address autocomplete, mail-merge data, a second check before sending"},"dueOffsetHours":168,"dependsOn":["record_report"],"role":"security"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선","en":"Hold the lessons-learned review and update the response plan and controls"},"dueOffsetHours":336,"dependsOn":["fix_cause"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["assess_risk"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('unauthorised_staff_access', '{"en":"Unauthorised staff access","ko":"직원의 권한 없는 열람"}'::jsonb,
    '{"en":"A staff member read or used people''s records without a work reason (e.g. an anomaly in the monthly access-log review).","ko":"직원이 업무 목적 없이 개인정보를 열람·이용한 경우(예: 월간 접속기록 점검의 이상 징후)."}'::jsonb, 'insider', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"involve_hr","phase":"preparation","title":{"ko":"인사 부서와 행위자의 관리자 참여, 조사 내용 기밀 유지","en":"Involve HR and the actor''s manager; keep the investigation confidential"},"dueOffsetHours":4,"dependsOn":[],"role":"dpo"},
  {"key":"pull_access_log","phase":"detection_analysis","title":{"ko":"해당 기간 행위자의 접속기록(열람, 마스킹 해제, 내보내기)을 추출해 사고에 연결","en":"Pull the actor''s access-log events for the period (records viewed, revealed, exported) and link them to the incident"},"dueOffsetHours":2,"dependsOn":[],"role":"security"},
  {"key":"verify_log_integrity","phase":"detection_analysis","title":{"ko":"해당 기간 접속기록의 무결성(해시 체인) 검증","en":"Verify the integrity of the access log (hash chain) for the period"},"dueOffsetHours":4,"dependsOn":["pull_access_log"],"role":"security"},
  {"key":"identify_people","phase":"detection_analysis","title":{"ko":"업무 목적 없이 열람된 정보주체 확인","en":"Identify the people whose records were opened without a work reason"},"dueOffsetHours":24,"dependsOn":["pull_access_log"],"role":"dpo"},
  {"key":"interview_actor","phase":"detection_analysis","title":{"ko":"행위자와 관리자 면담, 진술한 목적 기록","en":"Interview the actor and the manager; record the stated purpose"},"dueOffsetHours":48,"dependsOn":["pull_access_log","involve_hr"],"role":"dpo"},
  {"key":"assess_risk","phase":"detection_analysis","title":{"ko":"정보주체에 대한 위험 평가(열람 내용, 제3자 전달 여부) 후 통지·신고 필요 여부 결정","en":"Assess the risk to the people (what was seen, whether it was passed on) and decide the notifications with reasons"},"dueOffsetHours":48,"dependsOn":["identify_people"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["identify_people"],"role":"dpo"},
  {"key":"report_pipc_kisa","phase":"detection_analysis","title":{"ko":"1천 명 이상·민감정보·고유식별정보·외부 해킹에 해당하면 72시간 이내 개인정보보호위원회 또는 한국인터넷진흥원에 신고","en":"Report to the PIPC or KISA within 72 hours when 1,000 or more people, sensitive data or unique identifiers, or outside hacking are involved"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"suspend_account","phase":"containment_eradication_recovery","title":{"ko":"행위자의 콘솔 계정 정지 및 세션 종료","en":"Suspend the actor''s console account and end their sessions"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"review_permissions","phase":"containment_eradication_recovery","title":{"ko":"행위자의 역할과 접근 권한 검토, 업무상 불필요한 권한 회수","en":"Review the actor''s role and access rights; remove what the job does not need"},"dueOffsetHours":24,"dependsOn":["suspend_account"],"role":"security"},
  {"key":"disciplinary_action","phase":"post_incident","title":{"ko":"인사 부서와 징계 또는 법적 조치를 결정하고 결과 기록","en":"Decide disciplinary or legal action with HR and record the outcome"},"dueOffsetHours":336,"dependsOn":["interview_actor"],"role":"dpo"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선(최소 권한, 이상 징후 점검)","en":"Hold the lessons-learned review and update the response plan and controls (least privilege, review of anomalies)"},"dueOffsetHours":336,"dependsOn":["review_permissions"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["assess_risk"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;

WITH template AS (
  INSERT INTO incident_templates (key, name, description, suggested_vector, current_version, created_at, updated_at)
  VALUES ('vendor_breach', '{"en":"Vendor (processor) breach","ko":"수탁자(위탁업체) 사고"}'::jsonb,
    '{"en":"A processor holding our personal data reports, or is found to have, a breach.","ko":"개인정보 처리를 위탁받은 업체에서 발생한 유출 사고."}'::jsonb, 'vendor', 1, now(), now())
  RETURNING id, name, description
)
INSERT INTO incident_template_versions (template_id, version, name, description, tasks, note, created_at)
SELECT id, 1, name, description, '[
  {"key":"assemble_team","phase":"preparation","title":{"ko":"대응팀 소집(보안 책임자, 개인정보 보호책임자, 시스템 담당자, 수탁자 담당자) 및 사고 기록 개시","en":"Convene the response team (security lead, DPO, system owner, vendor contact) and open the incident record"},"dueOffsetHours":1,"dependsOn":[],"role":"security"},
  {"key":"check_contract","phase":"preparation","title":{"ko":"처리자 대장의 위탁 계약 확인: 사고 통지 조항과 기한, 재수탁자, 점검 권한","en":"Open the processor contract in the register: breach-notice clause and time limit, sub-processors, audit rights"},"dueOffsetHours":4,"dependsOn":["assemble_team"],"role":"dpo"},
  {"key":"get_vendor_report","phase":"detection_analysis","title":{"ko":"수탁자의 서면 사고 보고서 확보: 경위와 시점, 관련된 당사 데이터와 정보주체, 조치 내용","en":"Obtain the vendor''s written incident report: what happened and when, which of our data and people, measures taken"},"dueOffsetHours":24,"dependsOn":["check_contract"],"role":"dpo"},
  {"key":"identify_data","phase":"detection_analysis","title":{"ko":"수탁자가 보유한 당사 개인정보 항목과 정보주체 확인","en":"Identify which of our data categories and people the vendor held"},"dueOffsetHours":36,"dependsOn":["get_vendor_report"],"role":"dpo"},
  {"key":"assess_risk","phase":"detection_analysis","title":{"ko":"정보주체에 대한 위험 평가 후 통지·신고 필요 여부를 이유와 함께 결정(통지 책임은 당사에 있음)","en":"Assess the risk to people and decide the notifications with reasons (we remain the controller)"},"dueOffsetHours":48,"dependsOn":["identify_data"],"role":"dpo"},
  {"key":"notify_people_kr","phase":"detection_analysis","title":{"ko":"정보주체에게 72시간 이내 유출 통지(개인정보 보호법 제34조)","en":"Notify the affected people within 72 hours (PIPA Art. 34)"},"description":{"ko":"유출 항목, 유출 시점과 경위, 정보주체가 할 수 있는 조치, 회사의 대응 조치와 피해 구제 절차, 담당 부서와 연락처.","en":"What leaked, when and how, what people can do, what we are doing and where to get help."},"dueOffsetHours":72,"dependsOn":["identify_data"],"role":"dpo"},
  {"key":"report_pipc_kisa","phase":"detection_analysis","title":{"ko":"1천 명 이상·민감정보·고유식별정보·외부 해킹에 해당하면 72시간 이내 개인정보보호위원회 또는 한국인터넷진흥원에 신고","en":"Report to the PIPC or KISA within 72 hours when 1,000 or more people, sensitive data or unique identifiers, or outside hacking are involved"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"report_gdpr_authority","phase":"detection_analysis","title":{"ko":"위험이 발생할 가능성이 낮은 경우가 아니면 72시간 이내 EU 감독기관에 신고(GDPR 제33조), 판단과 그 이유를 기록","en":"Report to the EU supervisory authority within 72 hours unless the breach is unlikely to result in a risk (GDPR Art. 33); record the decision with reasons"},"dueOffsetHours":72,"dependsOn":["assess_risk"],"role":"dpo"},
  {"key":"suspend_transfers","phase":"containment_eradication_recovery","title":{"ko":"사고 통제 시까지 수탁자로의 데이터 전송과 연동(API 키, 파일 전송) 중단","en":"Suspend data transfers and integrations to the vendor (API keys, file transfers) until contained"},"dueOffsetHours":4,"dependsOn":["assemble_team"],"role":"security"},
  {"key":"rotate_shared_secrets","phase":"containment_eradication_recovery","title":{"ko":"수탁자와 공유하는 자격 증명과 키 교체","en":"Rotate the credentials and keys we share with the vendor"},"dueOffsetHours":12,"dependsOn":["suspend_transfers"],"role":"security"},
  {"key":"verify_remediation","phase":"containment_eradication_recovery","title":{"ko":"전송 재개 전 수탁자의 시정 조치 확인(증빙 또는 점검)","en":"Verify the vendor''s remediation (evidence or an audit) before resuming transfers"},"dueOffsetHours":168,"dependsOn":["get_vendor_report","rotate_shared_secrets"],"role":"security"},
  {"key":"review_processor","phase":"post_incident","title":{"ko":"위탁 관계 검토: 계약 조건, 정기 점검, 수탁자 교체 여부","en":"Review the processor relationship: contract terms, audits, replacement"},"dueOffsetHours":720,"dependsOn":["verify_remediation"],"role":"dpo"},
  {"key":"lessons_learned","phase":"post_incident","title":{"ko":"사후 검토 회의를 열어 교훈을 정리하고 대응 계획과 보호 조치를 개선","en":"Hold the lessons-learned review and update the response plan and controls"},"dueOffsetHours":336,"dependsOn":["verify_remediation"],"role":"security"},
  {"key":"register_entry","phase":"post_incident","title":{"ko":"유출 대장 기록 완료: 사실관계, 영향, 시정 조치(GDPR 제33조 제5항)","en":"Complete the breach-register entry: facts, effects and remedial action (GDPR Art. 33(5))"},"dueOffsetHours":720,"dependsOn":["assess_risk"],"role":"dpo"}
]'::jsonb,
  'Default template shipped with the console (F8)', now()
FROM template;
