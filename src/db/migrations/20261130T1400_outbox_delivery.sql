-- E-mail delivery of the outbox by workers on every app server.
--
-- A worker claims due messages with one UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED):
-- it moves `available_at` past a lease and stamps `claim_token`. A worker that dies leaves the
-- message to be claimed again when the lease runs out; one that outlives its lease finds its token
-- replaced and its final write ignored. No transaction is held open while talking to SMTP (PGlite
-- has one connection, and a slow mail server must not hold row locks).
ALTER TABLE outbox ADD COLUMN claim_token uuid;
-- Dead letter: the worker gave up (attempts exhausted or every failing address refused for good);
-- `last_error` says why. A dead message is never claimed again.
ALTER TABLE outbox ADD COLUMN dead_at timestamptz;

-- The worker stops trying an address when the server refused it permanently (5xx), the address is
-- malformed, or the message ran out of attempts. `status` stays 'failed'; this says it is final.
ALTER TABLE outbox_deliveries ADD COLUMN given_up_at timestamptz;

-- Due messages: neither delivered nor dead. Replaces the index that only left out delivered ones.
DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_due_idx ON outbox (available_at) WHERE delivered_at IS NULL AND dead_at IS NULL;
