-- Incidents (SSIRS): one standard form. The event (what, when, where) is kept apart from its
-- impacts on personnel, premises, property and programmes; every correction is a revision.

-- Human-readable references (INC-2026-000123) from one sequence, so two writers never collide.
CREATE SEQUENCE incident_reference_seq;

CREATE TABLE incidents (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference         text NOT NULL UNIQUE,
  -- When: the local calendar date always; the exact instant and the local UTC offset when known.
  occurred_on       date NOT NULL,
  occurred_at       timestamptz,
  utc_offset        text CHECK (utc_offset ~ '^[+-][0-9]{2}:[0-9]{2}$'),
  -- Copies of occurred_on's year and month: statistics group by them without computing per row.
  occurred_year     smallint NOT NULL,
  occurred_month    smallint NOT NULL CHECK (occurred_month BETWEEN 1 AND 12),
  -- Where.
  country_code      char(3) NOT NULL REFERENCES countries (code),
  area_id           uuid REFERENCES areas (id),
  station_id        uuid REFERENCES duty_stations (id),
  lat               double precision CHECK (lat BETWEEN -90 AND 90),
  lon               double precision CHECK (lon BETWEEN -180 AND 180),
  geo_precision     text NOT NULL DEFAULT '',
  admin1            text NOT NULL DEFAULT '',
  location          text NOT NULL DEFAULT '',
  -- What.
  category_code     text NOT NULL,
  nature            text NOT NULL CHECK (nature IN ('violence', 'safety', 'situational')),
  -- The soft switch: affects the organization, situational awareness only, or a near miss.
  relevance         text NOT NULL CHECK (relevance IN ('organization', 'situational', 'near_miss')),
  perpetrator_type  text NOT NULL DEFAULT '',
  perpetrator_name  text NOT NULL DEFAULT '',
  weapon            text NOT NULL DEFAULT '',
  context           text NOT NULL DEFAULT '',
  title             text NOT NULL,
  narrative         text NOT NULL DEFAULT '',
  -- Restricted (need to know): the details of a sexual assault are kept apart from the narrative.
  sensitive_details text NOT NULL DEFAULT '',
  captivity_outcome text NOT NULL DEFAULT '',
  -- Complex incidents: every linked event points at the first event of the complex.
  complex_id        uuid REFERENCES incidents (id),
  reporting_org_id  uuid REFERENCES organizations (id),
  -- Totals of the personnel impacts, kept by the same writes, for statistics over millions of rows.
  affected          integer NOT NULL DEFAULT 0 CHECK (affected >= 0),
  killed            integer NOT NULL DEFAULT 0 CHECK (killed >= 0),
  injured           integer NOT NULL DEFAULT 0 CHECK (injured >= 0),
  kidnapped         integer NOT NULL DEFAULT 0 CHECK (kidnapped >= 0),
  arrested          integer NOT NULL DEFAULT 0 CHECK (arrested >= 0),
  -- Provenance: SiND event IDs make re-import update instead of duplicate.
  source            text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'sind', 'hxl', 'demo')),
  source_id         text,
  source_record     jsonb,
  revision          integer NOT NULL DEFAULT 1,
  version           integer NOT NULL DEFAULT 1,
  created_by        uuid REFERENCES users (id),
  updated_by        uuid REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE UNIQUE INDEX incidents_source_key ON incidents (source, source_id) WHERE source_id IS NOT NULL;
CREATE INDEX incidents_country_day_idx ON incidents (country_code, occurred_on);
CREATE INDEX incidents_day_idx ON incidents (occurred_on);
CREATE INDEX incidents_area_idx ON incidents (area_id) WHERE area_id IS NOT NULL;
CREATE INDEX incidents_complex_idx ON incidents (complex_id) WHERE complex_id IS NOT NULL;
-- Covering index for the statistics: year, country and the totals without visiting the table.
CREATE INDEX incidents_stats_idx ON incidents (occurred_year, country_code)
  INCLUDE (occurred_month, category_code, relevance, affected, killed, injured, kidnapped, arrested);

-- The organizations an incident affects: organizations see their own incidents everywhere.
CREATE TABLE incident_organizations (
  incident_id     uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  PRIMARY KEY (incident_id, organization_id)
);
CREATE INDEX incident_organizations_org_idx ON incident_organizations (organization_id, incident_id);

-- Personnel impacts, per person (count 1, optionally named) or as counts.
CREATE TABLE incident_personnel (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id        uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  organization_id    uuid REFERENCES organizations (id),
  personnel_category text NOT NULL CHECK (personnel_category IN
                       ('international', 'national', 'dependant', 'contractor', 'partner', 'unknown')),
  sex                text NOT NULL CHECK (sex IN ('female', 'male', 'unknown')),
  outcome            text NOT NULL CHECK (outcome IN ('killed', 'injured', 'abducted', 'arrested_detained',
                       'missing', 'sexually_assaulted', 'robbed', 'intimidated_harassed')),
  count              integer NOT NULL CHECK (count > 0),
  on_duty            boolean,
  directly_targeted  boolean,
  in_captivity       boolean NOT NULL DEFAULT false,
  -- Restricted (need to know): the victim's identity and the line manager to notify.
  person_name        text NOT NULL DEFAULT '',
  line_manager_email text NOT NULL DEFAULT '',
  -- Copies of the incident's year and category: the annual table reads this table alone.
  occurred_year      smallint NOT NULL,
  category_code      text NOT NULL,
  relevance          text NOT NULL
);
CREATE INDEX incident_personnel_incident_idx ON incident_personnel (incident_id);
CREATE INDEX incident_personnel_report_idx ON incident_personnel (occurred_year, category_code, outcome)
  INCLUDE (count, relevance);

-- Impacts on premises, property and programmes.
CREATE TABLE incident_impacts (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id     uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  kind            text NOT NULL CHECK (kind IN ('premises', 'property', 'programme')),
  organization_id uuid REFERENCES organizations (id),
  premises_id     uuid REFERENCES premises (id),
  description     text NOT NULL DEFAULT '',
  estimated_loss  numeric(14, 2) CHECK (estimated_loss >= 0)
);
CREATE INDEX incident_impacts_incident_idx ON incident_impacts (incident_id);

-- Every correction: who, when, and each changed field with its old and new value.
CREATE TABLE incident_revisions (
  id          bigserial PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  number      integer NOT NULL,
  changed_by  uuid REFERENCES users (id),
  changed_at  timestamptz NOT NULL DEFAULT now(),
  reason      text NOT NULL DEFAULT '',
  changes     jsonb NOT NULL,              -- [{field, old, new}]
  UNIQUE (incident_id, number)
);

-- The confidential registry: serious crimes against personnel followed to justice.
CREATE TABLE serious_crime_cases (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id           uuid NOT NULL UNIQUE REFERENCES incidents (id),
  status                text NOT NULL CHECK (status IN ('reported', 'investigation', 'prosecution',
                          'trial', 'convicted', 'acquitted', 'closed_unresolved')),
  next_of_kin_focal_point text NOT NULL DEFAULT '',
  authority             text NOT NULL DEFAULT '',
  case_reference        text NOT NULL DEFAULT '',
  notes                 text NOT NULL DEFAULT '',
  version               integer NOT NULL DEFAULT 1,
  created_by            uuid REFERENCES users (id),
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now()
);

-- Configured distribution lists: extra addresses told of incidents in a country (or everywhere),
-- optionally only for some categories.
CREATE TABLE incident_distribution_lists (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name           text NOT NULL,
  country_code   char(3) REFERENCES countries (code),
  categories     jsonb NOT NULL DEFAULT '[]',  -- category codes; empty means all
  addresses      jsonb NOT NULL,               -- e-mail addresses
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Known headcounts, for rates per 100,000 personnel (census per year, country and organization).
CREATE TABLE personnel_headcounts (
  year            smallint NOT NULL,
  country_code    char(3) NOT NULL REFERENCES countries (code),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  headcount       integer NOT NULL CHECK (headcount >= 0),
  PRIMARY KEY (year, country_code, organization_id)
);

-- E-mail delivery state of outbox messages (one row per message and address).
CREATE TABLE outbox_deliveries (
  outbox_id    bigint NOT NULL REFERENCES outbox (id),
  address      text NOT NULL,
  channel      text NOT NULL DEFAULT 'email',
  status       text NOT NULL CHECK (status IN ('sent', 'failed')),
  attempts     integer NOT NULL DEFAULT 1,
  last_error   text,
  sent_at      timestamptz,
  PRIMARY KEY (outbox_id, channel, address)
);
