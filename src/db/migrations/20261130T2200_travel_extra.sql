-- Travel requests: references numbered like incidents' (TRV-2026-000001), and the approvers'
-- queue, which reads pending requests oldest first.
CREATE SEQUENCE travel_reference_seq;
CREATE INDEX travel_requests_queue_idx ON travel_requests (created_at) WHERE status = 'pending';
