-- Indexes for incident statistics and the map over millions of incidents.

-- A scoped reader's filter is "in my countries (or organizations) OR reported by me": with this
-- index the planner ORs two bitmap scans instead of reading every incident. Imports and the demo
-- record as the system (created_by NULL) and add nothing to it.
CREATE INDEX incidents_created_by_idx ON incidents (created_by) WHERE created_by IS NOT NULL;

-- The map asks for the located incidents in a box (bbox): a range on latitude, longitude checked
-- in the index, then at most a few thousand rows read (points), or the box's rows grouped on a grid.
-- The grid's sums ride in the index, so a box is grouped without visiting the table (a box of
-- 39,000 incidents: ~200 ms reading scattered table pages, ~10 ms from the index alone).
CREATE INDEX incidents_position_idx ON incidents (lat, lon) INCLUDE (affected, killed) WHERE lat IS NOT NULL;
