-- People, travel and clearance (TRIP): personal security profiles (dependants included), training
-- certificates, travel requests with their segments and clearance decisions, area clearance
-- rules, and precise locations under the DO's approval.

-- Everyone covered: personnel and their dependants. HR systems are the source of truth for
-- personnel; `external_id` is the HR system's id, unique within the organization, so re-import
-- updates instead of duplicating.
CREATE TABLE people (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id   uuid NOT NULL REFERENCES organizations (id),
  external_id       text NOT NULL,
  kind              text NOT NULL CHECK (kind IN ('personnel', 'dependant')),
  -- A dependant's sponsor: the member of personnel responsible for them.
  sponsor_id        uuid REFERENCES people (id),
  given_name        text NOT NULL,
  family_name       text NOT NULL,
  sex               text NOT NULL DEFAULT 'unknown' CHECK (sex IN ('female', 'male', 'unknown')),
  birth_date        date,
  nationality       char(3) REFERENCES countries (code),
  email             text,
  phone             text,
  contract_type     text NOT NULL DEFAULT '' ,   -- e.g. fixed-term, temporary, consultant
  recruitment       text NOT NULL CHECK (recruitment IN ('international', 'local')),
  duty_station_id   uuid REFERENCES duty_stations (id),
  -- Residence at area level by default (location privacy); the address only if the person gives it.
  residence_area_id uuid REFERENCES areas (id),
  residence_address text NOT NULL DEFAULT '',
  emergency_contact jsonb NOT NULL DEFAULT '{}',  -- {name, relation, phone, email}
  -- The sign-in of this person, when they have one: they read and correct their own profile.
  user_id           uuid UNIQUE REFERENCES users (id),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'separated')),
  source            text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'scim', 'demo')),
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'dependant') = (sponsor_id IS NOT NULL)),
  CHECK (sponsor_id IS NULL OR sponsor_id <> id)
);
CREATE UNIQUE INDEX people_external_key ON people (organization_id, lower(external_id));
CREATE INDEX people_station_idx ON people (duty_station_id) INCLUDE (organization_id, kind, recruitment)
  WHERE status = 'active';
CREATE INDEX people_sponsor_idx ON people (sponsor_id) WHERE sponsor_id IS NOT NULL;
CREATE INDEX people_org_idx ON people (organization_id, family_name);
CREATE INDEX people_email_idx ON people (lower(email)) WHERE email IS NOT NULL;

-- Courses and how long a certificate stays valid (configurable: older courses 3 years).
CREATE TABLE training_courses (
  code            text PRIMARY KEY,
  name            text NOT NULL,
  validity_months integer CHECK (validity_months > 0),   -- null: does not expire
  version         integer NOT NULL DEFAULT 1,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO training_courses (code, name, validity_months) VALUES
  ('BSAFE', 'BSAFE: basic security awareness (all personnel)', 36),
  ('SSAFE', 'SSAFE: safe and secure approaches in field environments (high-risk locations)', 36),
  ('SMT', 'Security Management Team training', 36),
  ('SRM_DM', 'Security risk management for decision-makers', 36);

CREATE TABLE training_certificates (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id    uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  course_code  text NOT NULL REFERENCES training_courses (code),
  completed_on date NOT NULL,
  -- Computed from the course's validity when recorded; kept so that a later change of the
  -- validity rule does not silently change what a certificate said.
  expires_on   date,
  certificate_ref text NOT NULL DEFAULT '',
  source       text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import', 'demo')),
  created_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, course_code, completed_on)
);
CREATE INDEX training_person_idx ON training_certificates (person_id, course_code, expires_on);

-- Clearance rules per area or country (an area rule wins over its country's).
CREATE TABLE clearance_rules (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country_code       char(3) NOT NULL REFERENCES countries (code),
  area_id            uuid REFERENCES areas (id),
  -- automatic: cleared when every requirement is met; manual: the security adviser decides on
  -- the DO's behalf (the DO controls numbers, or levels are high).
  mode               text NOT NULL CHECK (mode IN ('automatic', 'manual')),
  required_courses   jsonb NOT NULL DEFAULT '["BSAFE"]',
  pc_mandatory       boolean NOT NULL DEFAULT false,
  max_travellers     integer CHECK (max_travellers > 0),   -- DO-controlled numbers at once
  precise_tracking   boolean NOT NULL DEFAULT false,       -- DO approved precise locations here
  precise_until      timestamptz,
  note               text NOT NULL DEFAULT '',
  version            integer NOT NULL DEFAULT 1,
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX clearance_rules_scope_key ON clearance_rules (country_code, coalesce(area_id::text, ''));

CREATE TABLE travel_requests (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference       text NOT NULL UNIQUE,
  person_id       uuid NOT NULL REFERENCES people (id),
  -- Who filed it (the traveller, a travel assistant or the HR system).
  requested_by    uuid REFERENCES users (id),
  travel_type     text NOT NULL CHECK (travel_type IN ('official', 'personal')),
  purpose         text NOT NULL,
  pc_level        smallint CHECK (pc_level BETWEEN 1 AND 4),
  status          text NOT NULL CHECK (status IN ('submitted', 'pending', 'cleared', 'refused', 'cancelled')),
  -- The clearance decision: automatic or by whom, with the reasons always stated.
  decided_by      uuid REFERENCES users (id),
  decided_at      timestamptz,
  decision        text CHECK (decision IN ('automatic', 'manual')),
  reasons         jsonb NOT NULL DEFAULT '[]',
  starts_on       date NOT NULL,
  ends_on         date NOT NULL,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX travel_requests_person_idx ON travel_requests (person_id, starts_on);
CREATE INDEX travel_requests_status_idx ON travel_requests (status, starts_on);

-- Itinerary segments: where the traveller is from when to when. A stopover counts (and needs
-- clearance) only when the traveller leaves the airport.
CREATE TABLE travel_segments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  request_id      uuid NOT NULL REFERENCES travel_requests (id) ON DELETE CASCADE,
  person_id       uuid NOT NULL REFERENCES people (id),
  position        smallint NOT NULL,
  country_code    char(3) NOT NULL REFERENCES countries (code),
  area_id         uuid NOT NULL REFERENCES areas (id),
  station_id      uuid REFERENCES duty_stations (id),
  lat             double precision,
  lon             double precision,
  arrives_at      timestamptz NOT NULL,
  departs_at      timestamptz NOT NULL,
  stopover        boolean NOT NULL DEFAULT false,
  leaves_airport  boolean NOT NULL DEFAULT true,
  -- Copy of the request's status: who-is-where counts cleared and pending travel without a join.
  status          text NOT NULL,
  UNIQUE (request_id, position),
  CHECK (departs_at > arrives_at)
);
CREATE INDEX travel_segments_area_time_idx ON travel_segments (area_id, arrives_at, departs_at)
  INCLUDE (person_id, status);
CREATE INDEX travel_segments_country_time_idx ON travel_segments (country_code, arrives_at, departs_at)
  INCLUDE (person_id, status);
CREATE INDEX travel_segments_person_time_idx ON travel_segments (person_id, arrives_at, departs_at);
CREATE INDEX travel_segments_earth_idx ON travel_segments USING gist (ll_to_earth(lat, lon))
  WHERE lat IS NOT NULL;

-- Precise locations: only where the DO approved precise tracking, kept at most 96 hours,
-- deletable on request.
CREATE TABLE precise_locations (
  id          bigserial PRIMARY KEY,
  person_id   uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  lat         double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon         double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  recorded_at timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  rule_id     uuid NOT NULL REFERENCES clearance_rules (id),
  CHECK (expires_at <= recorded_at + interval '96 hours')
);
CREATE INDEX precise_locations_person_idx ON precise_locations (person_id, recorded_at DESC);
CREATE INDEX precise_locations_expiry_idx ON precise_locations (expires_at);
