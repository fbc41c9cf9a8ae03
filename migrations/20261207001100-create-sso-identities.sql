-- F11: staff single sign-on through an OpenID Connect provider.
--
-- staff_sso_identities links a staff account to one identity at one provider: the issuer and the
-- provider's stable subject identifier (`sub`), never the email, which a provider may reassign.
-- The first SSO sign-in links by verified email to an account the sysadmin created (invited);
-- later ones find the account by (issuer, subject). One identity per account and issuer, and one
-- account per identity.
--
-- sso_settings keeps the fingerprint of the SSO configuration last seen at start-up, so that a
-- change of provider, client, domains, role claim, MFA trust or password sign-in is recorded in
-- the access log once, by the first instance that starts with it.

CREATE TABLE staff_sso_identities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  staff_id uuid NOT NULL REFERENCES staff (id),
  issuer text NOT NULL CHECK (length(issuer) BETWEEN 1 AND 2000),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
  email_at_link text NOT NULL,
  linked_at timestamptz NOT NULL,
  last_sign_in_at timestamptz,
  CONSTRAINT staff_sso_identities_identity UNIQUE (issuer, subject),
  CONSTRAINT staff_sso_identities_one_per_issuer UNIQUE (staff_id, issuer)
);

CREATE TABLE sso_settings (
  id smallint PRIMARY KEY CHECK (id = 1),
  fingerprint text NOT NULL,
  settings jsonb NOT NULL,
  recorded_at timestamptz NOT NULL
);

GRANT SELECT, INSERT, UPDATE ON staff_sso_identities TO console_app;
GRANT SELECT, INSERT, UPDATE ON sso_settings TO console_app;
