DROP TABLE licence_events;
DROP FUNCTION licence_events_is_append_only();
DROP INDEX agencies_licence_status_idx;
