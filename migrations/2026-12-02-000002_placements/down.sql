DROP TABLE placement_events;
DROP FUNCTION placement_events_is_append_only();
DROP TABLE placements;
