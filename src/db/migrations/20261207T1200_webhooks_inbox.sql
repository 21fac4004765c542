-- Issue 7: signed webhooks, the in-app inbox and its index of who each message names.

-- Webhook subscriptions: outbox topics POSTed to a receiver, signed with the subscription's secret.
-- The secret is kept as given (it must sign every delivery) and never returned after it is made.
-- Scope: global (both null), one organization or one country; only messages of that scope go out.
CREATE TABLE webhook_subscriptions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name            text NOT NULL,
  url             text NOT NULL CHECK (url ~ '^https?://'),
  secret          text NOT NULL,
  topics          jsonb NOT NULL DEFAULT '[]',   -- ["incident.*", "threat.level_raised"]
  organization_id uuid REFERENCES organizations (id),
  country_code    char(3) REFERENCES countries (code),
  active          boolean NOT NULL DEFAULT true,
  -- Fan-out low-water mark: every outbox message at or below it has been considered for this
  -- subscription. Starts at the outbox's highest id when the subscription is made (only later
  -- messages are delivered) and trails the newest messages by a safety margin, because outbox ids
  -- are taken before their transaction commits.
  cursor_id       bigint NOT NULL DEFAULT 0,
  secret_rotated_at timestamptz,
  created_by      uuid REFERENCES users (id),
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (organization_id IS NULL OR country_code IS NULL)
);
CREATE INDEX webhook_subscriptions_active_idx ON webhook_subscriptions (id) WHERE active;

-- One row per (subscription, outbox message): the delivery state, claimed by workers with
-- FOR UPDATE SKIP LOCKED and a lease (claim_token), like the e-mail worker's claims on the outbox.
CREATE TABLE webhook_deliveries (
  subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
  outbox_id       bigint NOT NULL REFERENCES outbox (id),
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  available_at    timestamptz NOT NULL DEFAULT now(),
  claim_token     uuid,
  last_status     integer,                       -- the receiver's last HTTP status, if it answered
  last_error      text,
  delivered_at    timestamptz,
  dead_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription_id, outbox_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (available_at) WHERE status = 'pending';

-- In-app inbox: which messages a user has read (absent: unread).
CREATE TABLE inbox_reads (
  user_id   uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  outbox_id bigint NOT NULL REFERENCES outbox (id),
  read_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, outbox_id)
);

-- "Messages for me": one row per person a message names, 'u:<user id>', or 'e:<address>'
-- (lower-cased) for an entry without a user id, kept by a trigger on the outbox, so the inbox reads a
-- user's newest messages from the primary key in order (keyset pages and a capped unread count stay
-- small however many messages the outbox or the user has). A GIN index on outbox.recipients was
-- measured first: fast for most people, but for a heavy recipient (a Designated Official named on
-- 2 % of 2,000,000 messages) the planner chose a 10-second sequential scan; see
-- docs/ARCHITECTURE.md. The backfill below is slow on a large outbox (13.6 min for 2,000,000).
CREATE TABLE inbox_entries (
  recipient text NOT NULL,
  outbox_id bigint NOT NULL REFERENCES outbox (id),
  PRIMARY KEY (recipient, outbox_id)
);

-- One key per entry: the user id when the entry names one (the message is for that user, whatever
-- address it also gives), otherwise the address.
CREATE FUNCTION inbox_recipient_keys(recipients jsonb) RETURNS SETOF text
LANGUAGE sql IMMUTABLE AS $$
  SELECT DISTINCT k FROM (
    SELECT CASE
        WHEN jsonb_typeof(e->'userId') = 'string' AND btrim(e->>'userId') <> ''
          THEN 'u:' || lower(btrim(e->>'userId'))
        WHEN jsonb_typeof(e->'email') = 'string' AND btrim(e->>'email') <> ''
          THEN 'e:' || lower(btrim(e->>'email'))
      END AS k
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(recipients) = 'array' THEN recipients ELSE '[]' END) e
    WHERE jsonb_typeof(e) = 'object'
  ) x WHERE k IS NOT NULL AND length(k) <= 320
$$;

-- Inserts are handled per statement over the transition table: a roll call writes 10,000 messages
-- in a few multi-row inserts, and a per-row trigger made that six times slower.
CREATE FUNCTION inbox_entries_add_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inbox_entries (recipient, outbox_id)
  SELECT k, n.id FROM new_rows n, inbox_recipient_keys(n.recipients) k
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_inbox_entries_insert AFTER INSERT ON outbox
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION inbox_entries_add_rows();

-- A change of recipients (rare) adds the new ones, row by row.
CREATE FUNCTION inbox_entries_add() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO inbox_entries (recipient, outbox_id)
  SELECT k, NEW.id FROM inbox_recipient_keys(NEW.recipients) k
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_inbox_entries AFTER UPDATE OF recipients ON outbox
FOR EACH ROW EXECUTE FUNCTION inbox_entries_add();

-- Messages queued before this migration.
INSERT INTO inbox_entries (recipient, outbox_id)
SELECT k, o.id FROM outbox o, inbox_recipient_keys(o.recipients) k
ON CONFLICT DO NOTHING;
