DROP TABLE complaint_events;
DROP FUNCTION complaint_events_is_append_only();
DROP TABLE complaints;
