-- Registration rows have no previous status; NOT NULL comes back with their own status there
-- (the owner lifts the append-only trigger for this one statement).
ALTER TABLE licence_events DISABLE TRIGGER licence_events_no_update_delete;
UPDATE licence_events SET from_status = to_status WHERE from_status IS NULL;
ALTER TABLE licence_events ENABLE TRIGGER licence_events_no_update_delete;
ALTER TABLE licence_events ALTER COLUMN from_status SET NOT NULL;

DROP TABLE verification_codes;
DROP FUNCTION verification_codes_is_append_only();
DROP FUNCTION verification_code_valid(text);
