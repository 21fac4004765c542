-- Foundation: geography, organizations, users and access, sessions, audit trail.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE organizations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL,
  name          text NOT NULL,
  type          text NOT NULL CHECK (type IN ('secretariat', 'agency', 'fund', 'programme', 'other')),
  counted_in_id uuid REFERENCES organizations (id),
  version       integer NOT NULL DEFAULT 1,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (counted_in_id IS NULL OR counted_in_id <> id)
);
CREATE UNIQUE INDEX organizations_code_key ON organizations (lower(code));

CREATE TABLE countries (
  code       char(3) PRIMARY KEY,          -- ISO 3166-1 alpha-3
  iso2       char(2) NOT NULL UNIQUE,      -- ISO 3166-1 alpha-2
  numeric    char(3),                      -- ISO 3166-1 numeric (Natural Earth id)
  name       text NOT NULL,
  region     text NOT NULL DEFAULT '',
  subregion  text NOT NULL DEFAULT '',
  lat        double precision,
  lon        double precision,
  boundary   jsonb,                        -- GeoJSON geometry (Polygon | MultiPolygon)
  version    integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE areas (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code         text NOT NULL,
  name         text NOT NULL,
  country_code char(3) NOT NULL REFERENCES countries (code),
  polygon      jsonb,                      -- GeoJSON geometry (Polygon | MultiPolygon), RFC 7946
  pcode        text,                       -- OCHA P-code of the administrative unit, when known
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX areas_code_key ON areas (lower(code));
CREATE INDEX areas_country_idx ON areas (country_code);

CREATE TABLE duty_stations (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code         text NOT NULL,
  name         text NOT NULL,
  country_code char(3) NOT NULL REFERENCES countries (code),
  area_id      uuid NOT NULL REFERENCES areas (id),
  lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon          double precision NOT NULL CHECK (lon BETWEEN -180 AND 180),
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX duty_stations_code_key ON duty_stations (lower(code));
CREATE INDEX duty_stations_area_idx ON duty_stations (area_id);
CREATE INDEX duty_stations_country_idx ON duty_stations (country_code);
CREATE INDEX duty_stations_earth_idx ON duty_stations USING gist (ll_to_earth(lat, lon));

CREATE TABLE premises (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code            text NOT NULL,
  name            text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('office', 'residence', 'compound', 'warehouse', 'clinic', 'guesthouse', 'other')),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  station_id      uuid NOT NULL REFERENCES duty_stations (id),
  lat             double precision CHECK (lat BETWEEN -90 AND 90),
  lon             double precision CHECK (lon BETWEEN -180 AND 180),
  address         text NOT NULL DEFAULT '',
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX premises_code_key ON premises (lower(code));
CREATE INDEX premises_station_idx ON premises (station_id);
CREATE INDEX premises_org_idx ON premises (organization_id);

CREATE TABLE users (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username        text NOT NULL,
  display_name    text NOT NULL,
  email           text,
  organization_id uuid REFERENCES organizations (id),
  password_hash   text,
  status          text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  last_login_at   timestamptz
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_org_idx ON users (organization_id);

CREATE TABLE role_grants (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id            uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role               text NOT NULL,
  scope_type         text NOT NULL CHECK (scope_type IN ('global', 'organization', 'country', 'area')),
  scope_id           text,                 -- organization id, country code or area id; null for global
  granted_by         uuid REFERENCES users (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK ((scope_type = 'global') = (scope_id IS NULL))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, scope_type, coalesce(scope_id, ''));

CREATE TABLE sessions (
  id           text PRIMARY KEY,           -- sha-256 of the cookie token; the token itself is never stored
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip           text,
  user_agent   text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);

CREATE TABLE api_tokens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  prefix       text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE login_attempts (
  id       bigserial PRIMARY KEY,
  username text NOT NULL,
  ip       text NOT NULL,
  at       timestamptz NOT NULL DEFAULT now(),
  success  boolean NOT NULL
);
CREATE INDEX login_attempts_user_idx ON login_attempts (lower(username), at);
CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

-- Append-only, hash-chained audit trail: each entry carries the hash of the previous one.
CREATE TABLE audit_log (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL,
  actor_id    uuid,
  actor_label text NOT NULL,
  action      text NOT NULL,
  entity_type text NOT NULL,
  entity_id   text,
  org_id      uuid,                         -- organization the entry concerns, for scoped auditors
  country_code char(3),                     -- country the entry concerns, for scoped auditors
  outcome     text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
  before      jsonb,
  after       jsonb,
  detail      jsonb,
  request_id  text,
  ip          text,
  prev_hash   text NOT NULL,
  hash        text NOT NULL
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- The trail is append-only at the database level too: updates and deletes are refused.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE settings (
  key        text PRIMARY KEY,
  value      jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
