-- The history of every agency's licence: one row per decision (issue, renew, suspend, reinstate,
-- revoke) or expiry, with its reason, its actor and the licence as it was after the change.
-- Append-only, like audit_log: see the triggers below (and db::roles::APPEND_ONLY).
CREATE TABLE licence_events (
    id          bigserial PRIMARY KEY,
    agency_id   uuid NOT NULL REFERENCES agencies (id),
    action      text NOT NULL
                CHECK (action IN ('issue', 'renew', 'suspend', 'reinstate', 'revoke', 'expire')),
    from_status text NOT NULL
                CHECK (from_status IN ('active', 'suspended', 'revoked', 'expired')),
    to_status   text NOT NULL
                CHECK (to_status IN ('active', 'suspended', 'revoked', 'expired')),
    reason      text NOT NULL CHECK (btrim(reason) <> '' AND char_length(reason) <= 2000),
    actor_id    uuid,
    actor_role  text,
    licence_number text NOT NULL,
    valid_from  date NOT NULL,
    valid_to    date NOT NULL,
    regions     text[] NOT NULL,
    at          timestamptz NOT NULL DEFAULT now(),
    CHECK (valid_from <= valid_to)
);
CREATE INDEX licence_events_agency_idx ON licence_events (agency_id, id);
CREATE INDEX agencies_licence_status_idx ON agencies (licence_status, licence_valid_to);

CREATE FUNCTION licence_events_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'licence_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER licence_events_no_update_delete
    BEFORE UPDATE OR DELETE ON licence_events
    FOR EACH ROW EXECUTE FUNCTION licence_events_is_append_only();
CREATE TRIGGER licence_events_no_truncate
    BEFORE TRUNCATE ON licence_events
    FOR EACH STATEMENT EXECUTE FUNCTION licence_events_is_append_only();
