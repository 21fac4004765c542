-- Jointly financed activities (JFA, DOMAIN.md §10): budget periods (a biennium such as 2026-2027)
-- with the approved total and the minimum contribution, the field headcount census per
-- organization, named scenarios that override total, minimum or headcounts, and approved
-- apportionments: immutable, numbered per period (re-approval adds version n + 1), with one line
-- per organization.

CREATE TABLE costshare_periods (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$'),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on     date NOT NULL,
  ends_on       date NOT NULL,
  currency      char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  total_cents   bigint NOT NULL CHECK (total_cents > 0),
  minimum_cents bigint NOT NULL CHECK (minimum_cents >= 0),
  -- The date the census counts field headcount at (e.g. 31 December two years before).
  census_date   date,
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE UNIQUE INDEX costshare_periods_code_key ON costshare_periods (lower(code));

CREATE TABLE costshare_census (
  period_id       uuid NOT NULL REFERENCES costshare_periods (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  position        integer NOT NULL,
  headcount       integer NOT NULL CHECK (headcount >= 0),
  -- Counted inside another organization: its headcount is billed there, it is not billed itself.
  counted_in_id   uuid REFERENCES organizations (id),
  PRIMARY KEY (period_id, organization_id),
  CHECK (counted_in_id IS NULL OR counted_in_id <> organization_id)
);

CREATE TABLE costshare_scenarios (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period_id     uuid NOT NULL REFERENCES costshare_periods (id) ON DELETE CASCADE,
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  description   text NOT NULL DEFAULT '',
  total_cents   bigint CHECK (total_cents > 0),
  minimum_cents bigint CHECK (minimum_cents >= 0),
  -- Headcount overrides: [{"organizationId": uuid, "headcount": n}]; the census for the rest.
  headcounts    jsonb NOT NULL DEFAULT '[]',
  created_by    uuid REFERENCES users (id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX costshare_scenarios_name_key ON costshare_scenarios (period_id, lower(name));

CREATE TABLE costshare_apportionments (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  period_id        uuid NOT NULL REFERENCES costshare_periods (id),
  version_no       integer NOT NULL CHECK (version_no > 0),
  -- The scenario approved (its name at the time), or null for the period's own figures.
  scenario_name    text,
  currency         char(3) NOT NULL,
  total_cents      bigint NOT NULL CHECK (total_cents > 0),
  minimum_cents    bigint NOT NULL CHECK (minimum_cents >= 0),
  -- The census exactly as apportioned: [{organization, headcount, countedIn}] by code, so the
  -- explanation can be recomputed from the approved inputs alone.
  census           jsonb NOT NULL,
  note             text NOT NULL DEFAULT '',
  approved_by      uuid REFERENCES users (id),
  approved_by_name text NOT NULL,
  approved_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (period_id, version_no)
);

CREATE TABLE costshare_apportionment_lines (
  apportionment_id  uuid NOT NULL REFERENCES costshare_apportionments (id),
  organization_id   uuid NOT NULL REFERENCES organizations (id),
  organization_code text NOT NULL,
  position          integer NOT NULL,
  own_headcount     integer NOT NULL CHECK (own_headcount >= 0),
  headcount         integer NOT NULL CHECK (headcount >= 0),
  counted_in_code   text,
  billed            boolean NOT NULL,
  minimum_applied   boolean NOT NULL,
  minimum_round     integer,
  amount_cents      bigint NOT NULL CHECK (amount_cents >= 0),
  rounding_cents    smallint NOT NULL CHECK (rounding_cents IN (0, 1)),
  PRIMARY KEY (apportionment_id, organization_id)
);
CREATE INDEX costshare_apportionment_lines_org_idx ON costshare_apportionment_lines (organization_id);

-- Approved apportionments are records of a decision: never changed or removed, only superseded by
-- a later version.
CREATE FUNCTION costshare_approved_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'an approved apportionment cannot be changed or removed; approve a new version'
    USING ERRCODE = '55000';
END
$$;
CREATE TRIGGER costshare_apportionments_immutable BEFORE UPDATE OR DELETE ON costshare_apportionments
  FOR EACH ROW EXECUTE FUNCTION costshare_approved_immutable();
CREATE TRIGGER costshare_apportionment_lines_immutable BEFORE UPDATE OR DELETE ON costshare_apportionment_lines
  FOR EACH ROW EXECUTE FUNCTION costshare_approved_immutable();
