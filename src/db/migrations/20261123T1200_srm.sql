-- Security risk management: versioned risk matrices, SRMs with their risks and measures,
-- programme criticality of activities, and self-assessments of measures.

CREATE TABLE risk_matrices (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number      integer NOT NULL UNIQUE,          -- 1, 2, 3…: the highest is current
  matrix      jsonb NOT NULL,                   -- {likelihood: {impact: risk}}
  note        text NOT NULL DEFAULT '',
  created_by  uuid REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
-- Version 1 is the default matrix of the domain brief; administrators add later versions.
INSERT INTO risk_matrices (number, matrix, note) VALUES (1, '{"very_likely": {"negligible": "low", "minor": "medium", "moderate": "high", "severe": "very_high", "critical": "unacceptable"}, "likely": {"negligible": "low", "minor": "medium", "moderate": "high", "severe": "high", "critical": "very_high"}, "moderately_likely": {"negligible": "very_low", "minor": "low", "moderate": "medium", "severe": "high", "critical": "high"}, "unlikely": {"negligible": "very_low", "minor": "low", "moderate": "low", "severe": "medium", "critical": "medium"}, "very_unlikely": {"negligible": "very_low", "minor": "very_low", "moderate": "very_low", "severe": "low", "critical": "low"}}', 'Default matrix');

CREATE TABLE srms (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                 text NOT NULL CHECK (kind IN ('country', 'area', 'ad_hoc')),
  title                text NOT NULL,
  country_code         char(3) NOT NULL REFERENCES countries (code),
  area_id              uuid REFERENCES areas (id),
  organization_id      uuid REFERENCES organizations (id),   -- agency-specific ad hoc SRMs
  period_start         date NOT NULL,
  period_end           date NOT NULL,
  status               text NOT NULL CHECK (status IN ('draft', 'approved', 'endorsed', 'superseded')),
  threat_assessment_id uuid REFERENCES threat_assessments (id),
  matrix_id            uuid NOT NULL REFERENCES risk_matrices (id),
  review_due           date NOT NULL,
  review_reason        text,
  smt_consulted_on     date,
  smt_note             text NOT NULL DEFAULT '',
  created_by           uuid REFERENCES users (id),
  approved_by          uuid REFERENCES users (id),
  approved_at          timestamptz,
  endorsed_by          uuid REFERENCES users (id),
  endorsed_at          timestamptz,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end > period_start),
  CHECK (kind <> 'area' OR area_id IS NOT NULL)
);
CREATE INDEX srms_country_idx ON srms (country_code, status);
CREATE INDEX srms_area_idx ON srms (area_id, status);

CREATE TABLE srm_risks (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  srm_id             uuid NOT NULL REFERENCES srms (id) ON DELETE CASCADE,
  title              text NOT NULL,              -- the threat scenario (undesirable event)
  category           text NOT NULL CHECK (category IN ('armed_conflict', 'terrorism', 'crime', 'civil_unrest', 'hazards')),
  exposed            text NOT NULL DEFAULT '',   -- who or what is exposed
  likelihood         text NOT NULL,
  impact             text NOT NULL,
  inherent_risk      text NOT NULL,              -- computed from the matrix, stored for queries
  residual_risk      text NOT NULL,              -- from implemented measures only
  expected_risk      text NOT NULL,              -- if every approved measure were implemented too
  override_risk      text,                       -- a judgment that replaces the computed residual risk
  override_reason    text,
  overridden_by      uuid REFERENCES users (id),
  overridden_at      timestamptz,
  strategy           text NOT NULL DEFAULT 'control' CHECK (strategy IN ('accept', 'control', 'avoid', 'transfer')),
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((override_risk IS NULL) = (override_reason IS NULL))
);
CREATE INDEX srm_risks_srm_idx ON srm_risks (srm_id);

CREATE TABLE measure_library (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code        text NOT NULL UNIQUE,
  title       text NOT NULL,
  description text NOT NULL DEFAULT '',
  kind        text NOT NULL CHECK (kind IN ('prevention', 'mitigation')),
  category    text NOT NULL DEFAULT 'general'
);

CREATE TABLE srm_measures (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  risk_id          uuid NOT NULL REFERENCES srm_risks (id) ON DELETE CASCADE,
  library_id       uuid REFERENCES measure_library (id),
  title            text NOT NULL,
  kind             text NOT NULL CHECK (kind IN ('prevention', 'mitigation')),
  mandatory        boolean NOT NULL DEFAULT false,
  steps            smallint NOT NULL DEFAULT 1 CHECK (steps BETWEEN 0 AND 2),
  owner_org_id     uuid REFERENCES organizations (id),
  cost_cents       bigint CHECK (cost_cents >= 0),
  effectiveness    smallint CHECK (effectiveness BETWEEN 1 AND 5),  -- recorded after implementation
  agreed_date      date,
  status           text NOT NULL CHECK (status IN ('proposed', 'approved', 'implemented', 'verified', 'rejected')),
  approved_by      uuid REFERENCES users (id),
  approved_at      timestamptz,
  implemented_on   date,
  evidence         text,
  verified_by      uuid REFERENCES users (id),
  verified_at      timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status NOT IN ('implemented', 'verified') OR (implemented_on IS NOT NULL AND evidence IS NOT NULL))
);
CREATE INDEX srm_measures_risk_idx ON srm_measures (risk_id);
CREATE INDEX srm_measures_overdue_idx ON srm_measures (agreed_date) WHERE status = 'approved';

CREATE TABLE programme_activities (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  srm_id            uuid NOT NULL REFERENCES srms (id) ON DELETE CASCADE,
  title             text NOT NULL,
  organization_id   uuid NOT NULL REFERENCES organizations (id),
  pc_level          smallint CHECK (pc_level BETWEEN 1 AND 4),
  period_start      date NOT NULL,
  period_end        date NOT NULL,
  eh_approved_by    text,                     -- the Executive Head who approved Very High risk for PC1
  eh_approved_on    date,
  eh_note           text,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (period_end >= period_start)
);
CREATE INDEX programme_activities_srm_idx ON programme_activities (srm_id);

CREATE TABLE measure_self_assessments (
  id           bigserial PRIMARY KEY,
  measure_id   uuid NOT NULL REFERENCES srm_measures (id) ON DELETE CASCADE,
  answer       text NOT NULL CHECK (answer IN ('in_place', 'partly', 'not_in_place')),
  note         text NOT NULL DEFAULT '',
  assessed_by  uuid REFERENCES users (id),
  assessed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX measure_self_assessments_measure_idx ON measure_self_assessments (measure_id, assessed_at);
