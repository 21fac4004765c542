-- Change counters: bumped by triggers on every statement that writes a table a cached view is
-- derived from. A cache keyed by the counter is exact across app servers, and reading the key is
-- one indexed row instead of scanning the tables.
CREATE TABLE change_counters (
  name text PRIMARY KEY,
  n    bigint NOT NULL DEFAULT 0
);
INSERT INTO change_counters (name) VALUES ('srm'), ('threats');

CREATE FUNCTION bump_change_counter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE change_counters SET n = n + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

CREATE TRIGGER srms_changed AFTER INSERT OR UPDATE OR DELETE ON srms
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('srm');
CREATE TRIGGER srm_risks_changed AFTER INSERT OR UPDATE OR DELETE ON srm_risks
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('srm');
CREATE TRIGGER srm_measures_changed AFTER INSERT OR UPDATE OR DELETE ON srm_measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('srm');
CREATE TRIGGER areas_changed_srm AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('srm');
CREATE TRIGGER threat_assessments_changed AFTER INSERT OR UPDATE OR DELETE ON threat_assessments
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('threats');
CREATE TRIGGER areas_changed_threats AFTER INSERT OR UPDATE OR DELETE ON areas
  FOR EACH STATEMENT EXECUTE FUNCTION bump_change_counter('threats');
