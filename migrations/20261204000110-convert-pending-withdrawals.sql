-- F7: the withdrawals support started before rights requests existed (subject_account_actions,
-- action 'withdraw', status 'pending') become account-withdrawal requests, so something completes
-- them. Received when support recorded them; verified by the identity check that backed them;
-- KR-PIPA's 10 days in the organisation's default zone (the service recomputes the due date on
-- the next change). From now on the withdraw action itself opens the request (SubjectsService
-- tells RightsRequestsService through its withdrawal listener), so this runs over old rows once.
-- The account action keeps its 'pending' row (the table is insert-only); the request's detail and
-- event name it.

CREATE TEMPORARY TABLE pending_withdrawals ON COMMIT DROP AS
SELECT DISTINCT ON (a.subject_id)
  gen_random_uuid() AS request_id, a.id AS action_id, a.subject_id, a.staff_id, a.reason, a.created_at,
  s.service, CASE WHEN s.locale = 'en' THEN 'en' ELSE 'ko' END AS locale,
  c.id AS check_id, c.method, c.staff_id AS check_staff_id, c.checked_at
FROM subject_account_actions a
JOIN subjects s ON s.id = a.subject_id
JOIN subject_identity_checks c ON c.id = a.identity_check_id
WHERE a.action = 'withdraw' AND a.status = 'pending' AND s.status <> 'withdrawn'
ORDER BY a.subject_id, a.created_at;

INSERT INTO rights_requests (id, reference, subject_id, service, type, channel, relation, regimes, locale, details,
  status, identity_check_id, verification, received_at, due_on, created_by, created_at, updated_at)
SELECT request_id,
  'RR-' || to_char(created_at AT TIME ZONE 'Asia/Seoul', 'YYYY') || '-'
    || lpad(nextval('rights_request_reference_seq')::text, 6, '0'),
  subject_id, service, 'account_withdrawal', 'phone', 'self', ARRAY['KR-PIPA'], locale,
  jsonb_build_object('note', reason, 'accountActionId', action_id),
  'verifying_identity', check_id,
  jsonb_build_object('method', method, 'staffId', check_staff_id, 'checkedAt', checked_at, 'identityCheckId', check_id),
  created_at, ((created_at AT TIME ZONE 'Asia/Seoul')::date + 10), staff_id, created_at, created_at
FROM pending_withdrawals;

INSERT INTO rights_request_events (request_id, action, actor_id, from_status, to_status, at, detail)
SELECT request_id, 'received', staff_id, NULL, 'verifying_identity', created_at,
  jsonb_build_object('convertedFrom', 'subject_account_action', 'accountActionId', action_id, 'identityCheckId', check_id)
FROM pending_withdrawals;
