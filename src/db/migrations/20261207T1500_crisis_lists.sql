-- Relocation and evacuation lists (DOMAIN.md §8; JIU/REP/2016/9 §181): risk avoidance by moving
-- people. Relocation (within the country) applies to any personnel and their dependants;
-- evacuation (out of the country) to international personnel and their eligible dependants, and to
-- local personnel only when designated as targeted because of their employment. A list is a
-- snapshot of who-is-where, refreshed without deleting anyone, and tracked person by person.

CREATE TABLE crisis_lists (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference            text NOT NULL UNIQUE,
  kind                 text NOT NULL CHECK (kind IN ('relocation', 'evacuation')),
  title                text NOT NULL,
  country_code         char(3) NOT NULL REFERENCES countries (code),
  area_id              uuid REFERENCES areas (id),
  -- Where people go: free text, optionally an area or a country of the registry.
  destination          text NOT NULL,
  destination_country  char(3) REFERENCES countries (code),
  destination_area_id  uuid REFERENCES areas (id),
  -- The moment who-is-where was read at creation, and the last refresh.
  as_of                timestamptz NOT NULL,
  refreshed_at         timestamptz NOT NULL,
  created_by           uuid REFERENCES users (id),
  created_by_label     text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  version              integer NOT NULL DEFAULT 1
);
CREATE INDEX crisis_lists_country_idx ON crisis_lists (country_code, created_at DESC);

-- Everyone present when the list was made or refreshed: eligible or not (with the reason), so the
-- crisis team can see who was left out and why. Rows are never deleted.
CREATE TABLE crisis_list_people (
  list_id          uuid NOT NULL REFERENCES crisis_lists (id),
  person_id        uuid NOT NULL REFERENCES people (id),
  organization_id  uuid NOT NULL REFERENCES organizations (id),
  eligible         boolean NOT NULL,
  rule             text NOT NULL,
  reason           text NOT NULL,
  -- Where who-is-where placed them at the last read (station or area code; travel or duty station).
  location         text NOT NULL DEFAULT '',
  source           text NOT NULL DEFAULT 'duty_station' CHECK (source IN ('duty_station', 'travel')),
  present          boolean NOT NULL DEFAULT true,
  absent_since     timestamptz,
  status           text NOT NULL DEFAULT 'listed'
                     CHECK (status IN ('listed', 'confirmed', 'moved', 'declined', 'unreachable')),
  status_note      text NOT NULL DEFAULT '',
  status_by_label  text,
  status_at        timestamptz,
  added_at         timestamptz NOT NULL DEFAULT now(),
  version          integer NOT NULL DEFAULT 1,
  PRIMARY KEY (list_id, person_id)
);
CREATE INDEX crisis_list_people_org_idx ON crisis_list_people (list_id, organization_id);
CREATE INDEX crisis_list_people_person_idx ON crisis_list_people (person_id);

-- Local personnel designated as targeted because of their employment, per country: they (and their
-- dependants) become eligible for evacuation there. Withdrawn, never deleted.
CREATE TABLE crisis_designations (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id           uuid NOT NULL REFERENCES people (id),
  country_code        char(3) NOT NULL REFERENCES countries (code),
  reason              text NOT NULL,
  designated_by       uuid REFERENCES users (id),
  designated_by_label text NOT NULL,
  designated_at       timestamptz NOT NULL DEFAULT now(),
  withdrawn_at        timestamptz,
  withdrawn_by_label  text
);
CREATE UNIQUE INDEX crisis_designations_active_key ON crisis_designations (person_id, country_code)
  WHERE withdrawn_at IS NULL;
