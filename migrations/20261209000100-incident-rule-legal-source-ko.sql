-- The notification rules' legal sources in Korean, beside the English ones (legal_source), as
-- their labels are (label_ko, label_en): the Korean incident screen cited "PIPA Art. 34(1)" in
-- English under a Korean label. Korean statutes are cited as Korean practice cites them (「개인정보
-- 보호법」 제34조제1항); the GDPR's and 45 CFR's numbering is kept, with the instrument named.
ALTER TABLE incident_notification_rules ADD COLUMN legal_source_ko text;

UPDATE incident_notification_rules r SET legal_source_ko = v.ko
FROM (VALUES
  ('kr_subjects', '「개인정보 보호법」 제34조제1항, 같은 법 시행령 제39조제1항'),
  ('kr_regulator', '「개인정보 보호법」 제34조제3항, 같은 법 시행령 제40조제1항'),
  ('eu_authority', 'GDPR 제33조제1항·제3항'),
  ('eu_subjects', 'GDPR 제34조제1항, 제3항(a)'),
  ('us_individuals', '미국 HIPAA 유출 통지 규칙 45 CFR 164.404(b)'),
  ('us_hhs', '미국 HIPAA 유출 통지 규칙 45 CFR 164.408(b)'),
  ('us_media', '미국 HIPAA 유출 통지 규칙 45 CFR 164.406(a)'),
  ('us_hhs_yearly_log', '미국 HIPAA 유출 통지 규칙 45 CFR 164.408(c)')
) AS v(code, ko)
WHERE r.code = v.code;

-- A rule a deployment added by hand has no Korean source yet: it gets the English one until replaced.
UPDATE incident_notification_rules SET legal_source_ko = legal_source WHERE legal_source_ko IS NULL;

ALTER TABLE incident_notification_rules
  ALTER COLUMN legal_source_ko SET NOT NULL,
  ADD CONSTRAINT incident_notification_rules_legal_source_ko_length CHECK (length(legal_source_ko) BETWEEN 3 AND 400);
