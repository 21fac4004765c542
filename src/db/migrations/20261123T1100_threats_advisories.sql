-- Threat assessments (four security categories, 1–6), hazard assessments kept apart, travel
-- advisories with review-by dates, and a transactional outbox for notifications.

CREATE TABLE threat_assessments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_id         uuid NOT NULL REFERENCES areas (id),
  number          integer NOT NULL,            -- 1, 2, 3… per area; a new version never overwrites an old one
  status          text NOT NULL CHECK (status IN ('draft', 'approved', 'published', 'superseded')),
  effective_date  date NOT NULL,
  summary         text NOT NULL DEFAULT '',
  -- Legacy weighted aggregate "Security Level" (2011 model): kept for historical records only.
  legacy_security_level smallint CHECK (legacy_security_level BETWEEN 1 AND 6),
  source          text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'import')),
  -- The four levels as {category: level}, a copy of threat_levels kept by the same writes, so that
  -- the world comparison reads one row per area instead of grouping four.
  levels          jsonb NOT NULL DEFAULT '{}',
  created_by      uuid REFERENCES users (id),
  approved_by     uuid REFERENCES users (id),
  approved_at     timestamptz,
  published_by    uuid REFERENCES users (id),
  published_at    timestamptz,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, number)
);
CREATE INDEX threat_assessments_area_status_idx ON threat_assessments (area_id, status);
-- At most one draft-or-approved (unpublished) version per area at a time.
CREATE UNIQUE INDEX threat_assessments_one_open ON threat_assessments (area_id) WHERE status IN ('draft', 'approved');
-- At most one published (current) version per area.
CREATE UNIQUE INDEX threat_assessments_one_current ON threat_assessments (area_id) WHERE status = 'published';

CREATE TABLE threat_levels (
  assessment_id      uuid NOT NULL REFERENCES threat_assessments (id) ON DELETE CASCADE,
  category           text NOT NULL CHECK (category IN ('armed_conflict', 'terrorism', 'crime', 'civil_unrest')),
  level              smallint NOT NULL CHECK (level BETWEEN 1 AND 6),
  intent             text NOT NULL DEFAULT '',
  capability         text NOT NULL DEFAULT '',
  inhibiting_context text NOT NULL DEFAULT '',
  narrative          text NOT NULL DEFAULT '',
  PRIMARY KEY (assessment_id, category)
);

CREATE TABLE hazard_assessments (
  id                       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  area_id                  uuid NOT NULL REFERENCES areas (id),
  number                   integer NOT NULL,
  status                   text NOT NULL CHECK (status IN ('draft', 'approved', 'published', 'superseded')),
  effective_date           date NOT NULL,
  hazards                  jsonb NOT NULL DEFAULT '[]',   -- [{type, level 1–6, notes}]
  host_capacity            text NOT NULL CHECK (host_capacity IN ('none', 'limited', 'moderate', 'strong')),
  host_capacity_notes      text NOT NULL DEFAULT '',
  created_by               uuid REFERENCES users (id),
  approved_by              uuid REFERENCES users (id),
  approved_at              timestamptz,
  published_at             timestamptz,
  version                  integer NOT NULL DEFAULT 1,
  created_at               timestamptz NOT NULL DEFAULT now(),
  updated_at               timestamptz NOT NULL DEFAULT now(),
  UNIQUE (area_id, number)
);
CREATE UNIQUE INDEX hazard_assessments_one_open ON hazard_assessments (area_id) WHERE status IN ('draft', 'approved');
CREATE UNIQUE INDEX hazard_assessments_one_current ON hazard_assessments (area_id) WHERE status = 'published';

CREATE TABLE travel_advisories (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country_code        char(3) NOT NULL REFERENCES countries (code),
  area_id             uuid REFERENCES areas (id),  -- null: the advisory covers the whole country
  subject_key         text NOT NULL,               -- country code or area id: one series of versions per subject
  number              integer NOT NULL,
  status              text NOT NULL CHECK (status IN ('draft', 'approved', 'published', 'superseded')),
  levels              jsonb NOT NULL,              -- {armed_conflict: 1–6, terrorism: …, crime: …, civil_unrest: …}
  headline            text NOT NULL,
  guidance            text NOT NULL DEFAULT '',
  required_clearance  text NOT NULL CHECK (required_clearance IN ('none', 'automatic', 'manual')),
  required_training   jsonb NOT NULL DEFAULT '[]', -- ["BSAFE", "SSAFE", …]
  contacts            jsonb NOT NULL DEFAULT '[]', -- [{role, name, phone, email}]
  effective_date      date NOT NULL,
  review_by           date NOT NULL,
  owner_id            uuid REFERENCES users (id),
  created_by          uuid REFERENCES users (id),
  approved_by         uuid REFERENCES users (id),
  approved_at         timestamptz,
  published_by        uuid REFERENCES users (id),
  published_at        timestamptz,
  version             integer NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (review_by >= effective_date),
  UNIQUE (subject_key, number)
);
CREATE UNIQUE INDEX travel_advisories_one_open ON travel_advisories (subject_key) WHERE status IN ('draft', 'approved');
CREATE UNIQUE INDEX travel_advisories_one_current ON travel_advisories (subject_key) WHERE status = 'published';
CREATE INDEX travel_advisories_country_idx ON travel_advisories (country_code, status);
CREATE INDEX travel_advisories_published_idx ON travel_advisories (published_at) WHERE published_at IS NOT NULL;

-- Transactional outbox: a message is committed with the change that caused it. Delivery workers
-- (e-mail, SMS, webhooks) read it; `dedupe_key` makes enqueueing idempotent.
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  topic        text NOT NULL,
  dedupe_key   text UNIQUE,
  payload      jsonb NOT NULL,
  recipients   jsonb NOT NULL DEFAULT '[]',   -- [{userId}] or [{email}] …
  created_at   timestamptz NOT NULL DEFAULT now(),
  available_at timestamptz NOT NULL DEFAULT now(),
  attempts     integer NOT NULL DEFAULT 0,
  delivered_at timestamptz,
  last_error   text
);
CREATE INDEX outbox_pending_idx ON outbox (available_at) WHERE delivered_at IS NULL;
