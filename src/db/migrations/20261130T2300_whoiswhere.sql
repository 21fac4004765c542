-- Who-is-where at UN scale (180,000 personnel, 300,000 dependants, 1,000,000 travel segments).

-- Travel that covers a moment: a range index answers "which segments cover T" with the few
-- thousand segments under way worldwide, whatever the history behind them. A btree on
-- (arrives_at, departs_at) would read every segment that started before T. Only cleared and
-- pending travel places anyone; stopovers inside the airport stay in (the traveller is away from
-- their duty station) and are left out of presence by the query.
CREATE INDEX travel_segments_presence_idx ON travel_segments
  USING gist (tstzrange(arrives_at, departs_at, '[)'))
  WHERE status IN ('cleared', 'pending');

-- People at their duty station with their id: counting who is at a set of stations while leaving
-- out those away on travel (an anti-join on id) and paging by id stay index-only. The index of the
-- previous migration lacks the id, so every person counted would cost a heap visit.
CREATE INDEX people_presence_idx ON people (duty_station_id, id)
  INCLUDE (organization_id, kind, recruitment)
  WHERE status = 'active';
