-- Locally cost-shared security budgets (LCSSB, DOMAIN.md §10): per country and budget year, lines in
-- the expenditure categories plus miscellaneous, approved by the SMT (the Designated Official records
-- the approval on its behalf), shared among organizations by in-country headcount, billed and paid
-- on the IASMN calendar; and the register of costs already funded jointly, which must not be
-- charged again locally.

-- The expenditure categories. The IASMN approved eight plus miscellaneous (16th session, 2012,
-- para. 71) but the records at hand do not name them: the names below are provisional and may be
-- renamed through the API without touching the codes that lines refer to.
CREATE TABLE local_costshare_categories (
  code          text PRIMARY KEY,
  name          text NOT NULL,
  position      smallint NOT NULL UNIQUE,
  miscellaneous boolean NOT NULL DEFAULT false,
  version       integer NOT NULL DEFAULT 1,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
INSERT INTO local_costshare_categories (code, name, position, miscellaneous) VALUES
  ('personnel', 'Local security personnel (staff and contracted guards)', 1, false),
  ('missions', 'Security missions and travel', 2, false),
  ('communications', 'Security communications equipment and services', 3, false),
  ('crisis', 'Relocation, evacuation and crisis events', 4, false),
  ('compliance', 'Security risk management measures (compliance)', 5, false),
  ('facilities', 'Installation and upgrading of security facilities', 6, false),
  ('insurance', 'Security-related insurance', 7, false),
  ('training', 'Security training', 8, false),
  ('misc', 'Miscellaneous', 9, true);

-- Costs already funded jointly (the jointly financed activities: e.g. the UNDSS security adviser
-- posts, surge personnel funded by the jointly financed budget). A null country applies to every
-- country. `whole_category` means nothing of that category may be charged locally there; otherwise a
-- local line matches when its description contains one of `match_terms`, or when it links here.
CREATE TABLE jointly_funded_costs (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country_code   char(3) REFERENCES countries (code),
  category_code  text NOT NULL REFERENCES local_costshare_categories (code),
  description    text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  match_terms    jsonb NOT NULL DEFAULT '[]',
  whole_category boolean NOT NULL DEFAULT false,
  active         boolean NOT NULL DEFAULT true,
  version        integer NOT NULL DEFAULT 1,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jointly_funded_costs_country_idx ON jointly_funded_costs (country_code, category_code);

CREATE TABLE local_budgets (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  country_code     char(3) NOT NULL REFERENCES countries (code),
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  currency         char(3) NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
  status           text NOT NULL DEFAULT 'draft'
                   CHECK (status IN ('draft', 'circulated', 'approved', 'billed', 'closed')),
  notes            text NOT NULL DEFAULT '',
  circulated_at    timestamptz,
  -- The SMT's approval, recorded by the Designated Official on its behalf.
  approved_on      date,
  approved_by      uuid REFERENCES users (id),
  smt_meeting_ref  text,
  smt_members      jsonb,
  -- Where the shares' headcounts came from, fixed at approval: 'personnel_headcounts' or 'people'.
  headcount_source text CHECK (headcount_source IN ('personnel_headcounts', 'people')),
  billed_at        timestamptz,
  closed_at        timestamptz,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (country_code, year),
  CHECK ((status IN ('draft', 'circulated')) = (approved_on IS NULL))
);
CREATE INDEX local_budgets_year_idx ON local_budgets (year, status);

CREATE TABLE local_budget_lines (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id         uuid NOT NULL REFERENCES local_budgets (id) ON DELETE CASCADE,
  position          smallint NOT NULL,
  category_code     text NOT NULL REFERENCES local_costshare_categories (code),
  description       text NOT NULL CHECK (length(description) BETWEEN 1 AND 500),
  amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
  currency          char(3) NOT NULL,
  UNIQUE (budget_id, position)
);

-- Each organization's share, fixed when the SMT approves (before that it is computed on reading).
CREATE TABLE local_budget_shares (
  budget_id       uuid NOT NULL REFERENCES local_budgets (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  headcount       integer NOT NULL CHECK (headcount > 0),
  amount_cents    bigint NOT NULL CHECK (amount_cents >= 0),
  PRIMARY KEY (budget_id, organization_id)
);
CREATE INDEX local_budget_shares_org_idx ON local_budget_shares (organization_id);

CREATE TABLE local_budget_payments (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  budget_id       uuid NOT NULL REFERENCES local_budgets (id) ON DELETE CASCADE,
  organization_id uuid NOT NULL REFERENCES organizations (id),
  paid_on         date NOT NULL,
  amount_cents    bigint NOT NULL CHECK (amount_cents > 0),
  reference       text NOT NULL DEFAULT '',
  recorded_by     uuid REFERENCES users (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX local_budget_payments_budget_idx ON local_budget_payments (budget_id, organization_id);

-- Every version of a budget (lines and status) as it was saved: who, when, what.
CREATE TABLE local_budget_versions (
  budget_id  uuid NOT NULL REFERENCES local_budgets (id) ON DELETE CASCADE,
  version    integer NOT NULL,
  status     text NOT NULL,
  action     text NOT NULL,
  snapshot   jsonb NOT NULL,
  actor_id   uuid REFERENCES users (id),
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (budget_id, version)
);
