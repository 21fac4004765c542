-- Per-person notification channels and language (issue 7). A user without a row has the defaults:
-- e-mail on, SMS off, English. The e-mail worker skips users who turned e-mail off.
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  email_enabled boolean NOT NULL DEFAULT true,
  sms_enabled boolean NOT NULL DEFAULT false,
  -- E.164 (+ and 8 to 15 digits), checked by the API; required for SMS.
  phone text CHECK (phone IS NULL OR phone ~ '^\+[1-9][0-9]{7,14}$'),
  language text NOT NULL DEFAULT 'en',
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (NOT sms_enabled OR phone IS NOT NULL)
);
