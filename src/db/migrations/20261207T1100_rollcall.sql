-- Roll calls (DOMAIN.md §8): a security professional asks everyone present in an area or a warden
-- zone whether they are safe; answers come by web link or SMS reply; non-responders are escalated
-- to their wardens; a time-stamped log keeps the decisions.

CREATE TABLE roll_calls (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  reference           text NOT NULL UNIQUE,
  title               text NOT NULL,
  guidance            text NOT NULL DEFAULT '',
  country_code        char(3) NOT NULL REFERENCES countries (code),
  area_id             uuid REFERENCES areas (id),
  -- A warden zone (wardens module); no foreign key so a zone can be retired without touching history.
  zone_id             uuid,
  zone_code           text,
  started_by          uuid REFERENCES users (id),
  started_by_label    text NOT NULL,
  started_at          timestamptz NOT NULL DEFAULT now(),
  -- Non-responders go to their wardens this long after the start, then again each period.
  escalate_after_min  integer NOT NULL CHECK (escalate_after_min BETWEEN 1 AND 10080),
  status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  closed_at           timestamptz,
  closed_by_label     text,
  version             integer NOT NULL DEFAULT 1
);
CREATE INDEX roll_calls_open_idx ON roll_calls (started_at) WHERE status = 'open';

-- Whom a roll call asks: a member of personnel for themself and their dependants present, or the
-- sponsor of dependants present without them. The one-tap link carries a random token; only its
-- SHA-256 is kept, so the table does not hand out answer rights.
CREATE TABLE roll_call_contacts (
  roll_call_id  uuid NOT NULL REFERENCES roll_calls (id),
  person_id     uuid NOT NULL REFERENCES people (id),
  token_hash    bytea NOT NULL UNIQUE,
  email         text,
  phone         text,
  PRIMARY KEY (roll_call_id, person_id)
);
CREATE INDEX roll_call_contacts_phone_idx ON roll_call_contacts (phone) WHERE phone IS NOT NULL;

-- Everyone the roll call accounts for, with the state of their answer.
CREATE TABLE roll_call_people (
  roll_call_id     uuid NOT NULL REFERENCES roll_calls (id),
  person_id        uuid NOT NULL REFERENCES people (id),
  contact_id       uuid REFERENCES people (id),
  organization_id  uuid NOT NULL REFERENCES organizations (id),
  kind             text NOT NULL,
  recruitment      text NOT NULL,
  zone_id          uuid,
  answer           text NOT NULL DEFAULT 'pending' CHECK (answer IN ('pending', 'safe', 'need_help')),
  answered_at      timestamptz,
  answered_via     text CHECK (answered_via IN ('web', 'sms', 'warden', 'security')),
  answered_by      text,
  lat              double precision,
  lon              double precision,
  note             text,
  escalated_at     timestamptz,
  escalations      integer NOT NULL DEFAULT 0,
  PRIMARY KEY (roll_call_id, person_id)
);
-- The board's counts by organization and by zone come from this index alone (index-only scan).
CREATE INDEX roll_call_people_board_idx ON roll_call_people (roll_call_id, organization_id, zone_id, answer);
CREATE INDEX roll_call_people_contact_idx ON roll_call_people (roll_call_id, contact_id);
-- The board's lists (need help, not yet accounted for) page by person id within an answer.
CREATE INDEX roll_call_people_answer_idx ON roll_call_people (roll_call_id, answer, person_id);

-- The time-stamped log: the start, decisions typed by the crisis team, escalations and the close.
CREATE TABLE roll_call_log (
  id            bigserial PRIMARY KEY,
  roll_call_id  uuid NOT NULL REFERENCES roll_calls (id),
  at            timestamptz NOT NULL DEFAULT now(),
  kind          text NOT NULL CHECK (kind IN ('started', 'decision', 'escalated', 'answered', 'closed')),
  actor_label   text NOT NULL,
  text          text NOT NULL
);
CREATE INDEX roll_call_log_idx ON roll_call_log (roll_call_id, id);
