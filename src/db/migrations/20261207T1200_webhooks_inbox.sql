-- Issue 7: signed webhooks, the in-app inbox, and the index that finds a person's messages.

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

-- "Messages for me": recipients @> '[{"userId": …}]' or '[{"email": …}]'. jsonb_path_ops is the
-- smaller GIN operator class and serves exactly these containment tests.
CREATE INDEX outbox_recipients_idx ON outbox USING gin (recipients jsonb_path_ops);
