-- F6: the organisation's calendar. Holidays per jurisdiction, edited by the DPO with an
-- append-only history; which years have been seeded from the holiday library.

CREATE TABLE calendar_holidays (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL CHECK (jurisdiction IN ('KR', 'US-CA')),
  on_date date NOT NULL CHECK (on_date BETWEEN '1900-01-01' AND '2999-12-31'),
  name_ko text NOT NULL CHECK (length(name_ko) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  -- public: a statutory holiday; substitute: 대체공휴일 / observed day; temporary: 임시공휴일, election days
  kind text NOT NULL CHECK (kind IN ('public', 'substitute', 'temporary')),
  -- library: seeded from date-holidays; manual: added by hand
  source text NOT NULL CHECK (source IN ('library', 'manual')),
  -- An ended holiday no longer counts (it was wrong or withdrawn); it stays for its history.
  status text NOT NULL CHECK (status IN ('active', 'ended')),
  version integer NOT NULL CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One active holiday of a name on a day (two different holidays may share a day: 2025-05-05).
CREATE UNIQUE INDEX calendar_holidays_active_key ON calendar_holidays (jurisdiction, on_date, name_ko)
  WHERE status = 'active';
CREATE INDEX calendar_holidays_date_idx ON calendar_holidays (jurisdiction, on_date);

-- One row per saved version of a holiday: who, when, why, and the row as saved.
CREATE TABLE calendar_holiday_versions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  holiday_id uuid NOT NULL REFERENCES calendar_holidays (id),
  version integer NOT NULL CHECK (version >= 1),
  operation text NOT NULL CHECK (operation IN ('seed', 'create', 'update', 'end')),
  author_id uuid REFERENCES staff (id),
  author_name text NOT NULL,
  reason text NOT NULL CHECK (length(reason) BETWEEN 3 AND 500),
  changed_at timestamptz NOT NULL,
  snapshot jsonb NOT NULL
);
CREATE UNIQUE INDEX calendar_holiday_versions_key ON calendar_holiday_versions (holiday_id, version);

CREATE FUNCTION calendar_holiday_versions_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'holiday history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER calendar_holiday_versions_append_only BEFORE UPDATE OR DELETE ON calendar_holiday_versions
  FOR EACH ROW EXECUTE FUNCTION calendar_holiday_versions_refuse_change();
CREATE TRIGGER calendar_holiday_versions_no_truncate BEFORE TRUNCATE ON calendar_holiday_versions
  FOR EACH STATEMENT EXECUTE FUNCTION calendar_holiday_versions_refuse_change();
ALTER TABLE calendar_holiday_versions ENABLE ALWAYS TRIGGER calendar_holiday_versions_append_only;
ALTER TABLE calendar_holiday_versions ENABLE ALWAYS TRIGGER calendar_holiday_versions_no_truncate;

-- A year of a jurisdiction seeded from the library once; later library releases never overwrite
-- a seeded year (the DPO's corrections win), and the server seeds years that are missing.
CREATE TABLE calendar_seeded_years (
  jurisdiction text NOT NULL CHECK (jurisdiction IN ('KR', 'US-CA')),
  year integer NOT NULL CHECK (year BETWEEN 1900 AND 2999),
  source text NOT NULL,
  seeded_at timestamptz NOT NULL,
  PRIMARY KEY (jurisdiction, year)
);

GRANT SELECT, INSERT, UPDATE ON calendar_holidays TO console_app;
GRANT SELECT, INSERT ON calendar_holiday_versions, calendar_seeded_years TO console_app;
