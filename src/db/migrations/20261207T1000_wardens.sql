-- Wardens (DOMAIN.md §8): warden zones by geography (appointed by the Designated Official) or by
-- organization (appointed by the head of office, through the organization's security focal point),
-- the wardens of each zone, and explicit per-person assignments that override the derived membership.
-- Membership itself is derived at read time (warden/membership.repository.ts), never stored, so a
-- move of duty station or residence is reflected at once.

CREATE TABLE warden_zones (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code            text NOT NULL,
  name            text NOT NULL,
  country_code    char(3) NOT NULL REFERENCES countries (code),
  kind            text NOT NULL CHECK (kind IN ('geographic', 'organization')),
  organization_id uuid REFERENCES organizations (id),
  -- GeoJSON geometry (Polygon | MultiPolygon, RFC 7946 [lon, lat]); its rings are also kept as
  -- native polygons in warden_zone_rings so that point-in-zone is one indexed SQL test.
  polygon         jsonb,
  description     text NOT NULL DEFAULT '',
  -- A zone is archived rather than deleted: roll calls keep pointing at it.
  archived_at     timestamptz,
  created_by      uuid REFERENCES users (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'organization') = (organization_id IS NOT NULL))
);
CREATE UNIQUE INDEX warden_zones_code_key ON warden_zones (lower(code));
CREATE INDEX warden_zones_country_idx ON warden_zones (country_code, kind) WHERE archived_at IS NULL;
CREATE INDEX warden_zones_org_idx ON warden_zones (organization_id) WHERE organization_id IS NOT NULL;

-- The zone's duty stations and residence areas (lists, in the zone's country).
CREATE TABLE warden_zone_stations (
  zone_id    uuid NOT NULL REFERENCES warden_zones (id) ON DELETE CASCADE,
  station_id uuid NOT NULL REFERENCES duty_stations (id),
  PRIMARY KEY (zone_id, station_id)
);
CREATE INDEX warden_zone_stations_station_idx ON warden_zone_stations (station_id);

CREATE TABLE warden_zone_areas (
  zone_id uuid NOT NULL REFERENCES warden_zones (id) ON DELETE CASCADE,
  area_id uuid NOT NULL REFERENCES areas (id),
  PRIMARY KEY (zone_id, area_id)
);
CREATE INDEX warden_zone_areas_area_idx ON warden_zone_areas (area_id);

-- The polygon's rings as native polygons (x = lon, y = lat): ring 0 is the outer ring of part
-- `part`, rings above 0 are its holes. Rewritten with the zone's polygon.
CREATE TABLE warden_zone_rings (
  zone_id uuid NOT NULL REFERENCES warden_zones (id) ON DELETE CASCADE,
  part    smallint NOT NULL,
  ring    smallint NOT NULL,
  shape   polygon NOT NULL,
  PRIMARY KEY (zone_id, part, ring)
);
CREATE INDEX warden_zone_rings_shape_idx ON warden_zone_rings USING gist (shape);

-- The wardens (and deputies) of a zone: platform users, so that they can sign in.
CREATE TABLE wardens (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  zone_id      uuid NOT NULL REFERENCES warden_zones (id) ON DELETE CASCADE,
  user_id      uuid NOT NULL REFERENCES users (id),
  person_id    uuid REFERENCES people (id),
  role         text NOT NULL CHECK (role IN ('warden', 'deputy')),
  appointed_by uuid REFERENCES users (id),
  appointed_at timestamptz NOT NULL DEFAULT now(),
  version      integer NOT NULL DEFAULT 1,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (zone_id, user_id)
);
CREATE INDEX wardens_user_idx ON wardens (user_id);

-- Explicit assignments: a person placed in a zone whatever their station or residence. At most one
-- per person and kind of zone (kind copied from the zone, which never changes kind).
CREATE TABLE warden_assignments (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id   uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  zone_id     uuid NOT NULL REFERENCES warden_zones (id) ON DELETE CASCADE,
  zone_kind   text NOT NULL CHECK (zone_kind IN ('geographic', 'organization')),
  assigned_by uuid REFERENCES users (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  version     integer NOT NULL DEFAULT 1,
  UNIQUE (person_id, zone_kind)
);
CREATE INDEX warden_assignments_zone_idx ON warden_assignments (zone_id);

-- Membership reads people by station and by residence area whatever their status (an active
-- dependant follows a sponsor who may have left): these two indexes serve a zone's candidates.
CREATE INDEX people_station_any_idx ON people (duty_station_id) WHERE duty_station_id IS NOT NULL;
CREATE INDEX people_residence_area_idx ON people (residence_area_id) WHERE residence_area_id IS NOT NULL;
