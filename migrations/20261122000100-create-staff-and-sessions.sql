-- Staff accounts, their sign-in sessions and recovery codes, and authentication events.
-- The application role gets only what it needs: staff are disabled, never deleted, and
-- authentication events can only be added and read.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'console_app') THEN
    CREATE ROLE console_app NOLOGIN;
  END IF;
  -- The owner may reach the application role with SET ROLE when no separate login exists.
  IF NOT pg_has_role(current_user, 'console_app', 'MEMBER') THEN
    EXECUTE format('GRANT console_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO console_app;

CREATE TABLE staff (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('dpo', 'support', 'security', 'sysadmin', 'auditor')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text NOT NULL,
  must_change_password boolean NOT NULL DEFAULT false,
  password_changed_at timestamptz,
  -- TOTP secrets are stored encrypted (AES-256-GCM under a key derived from MASTER_KEY).
  totp_secret_enc bytea,
  totp_pending_secret_enc bytea,
  totp_enrolled_at timestamptz,
  -- The last accepted TOTP time step: a code for this step or an earlier one is refused.
  totp_last_step bigint,
  failed_attempts integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked_until timestamptz,
  last_sign_in_at timestamptz,
  -- Bumped when a person's access changes (disable, role change, MFA reset): sessions
  -- opened under an older generation stop working.
  session_generation integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES staff (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);
CREATE UNIQUE INDEX staff_email_key ON staff (email);
CREATE INDEX staff_role_idx ON staff (role);

CREATE TABLE staff_recovery_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES staff (id),
  code_hash bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX staff_recovery_codes_staff_idx ON staff_recovery_codes (staff_id);

CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES staff (id),
  -- SHA-256 of the cookie token; the token itself is never stored.
  token_hash bytea NOT NULL,
  stage text NOT NULL CHECK (stage IN ('password_change', 'mfa_enroll', 'mfa_verify', 'full')),
  staff_generation integer NOT NULL,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  mfa_verified_at timestamptz,
  ip text,
  user_agent text,
  ended_at timestamptz,
  end_reason text
);
CREATE UNIQUE INDEX staff_sessions_token_key ON staff_sessions (token_hash);
CREATE INDEX staff_sessions_open_idx ON staff_sessions (staff_id) WHERE ended_at IS NULL;

CREATE TABLE auth_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  event_type text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  -- Whose account the event is about, and who acted (they differ for staff administration).
  staff_id uuid REFERENCES staff (id),
  actor_id uuid REFERENCES staff (id),
  actor_role text,
  session_id uuid,
  email text,
  ip text,
  user_agent text,
  request_id text,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX auth_events_staff_idx ON auth_events (staff_id, id);
CREATE INDEX auth_events_time_idx ON auth_events (occurred_at);

GRANT SELECT, INSERT, UPDATE ON staff TO console_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON staff_recovery_codes TO console_app;
GRANT SELECT, INSERT, UPDATE ON staff_sessions TO console_app;
GRANT SELECT, INSERT ON auth_events TO console_app;
