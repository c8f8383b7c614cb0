-- Complaints by migrants (or their representatives for them) against an employer or an agency,
-- triaged by the ministry (see src/domain/complaint.rs).
CREATE TABLE complaints (
    id                   uuid PRIMARY KEY,
    -- The person complaining.
    candidate_id         uuid NOT NULL REFERENCES candidate_profiles (id),
    filed_by             uuid NOT NULL REFERENCES users (id),
    -- The agency or centre that filed it for the person; both NULL when they filed it themselves.
    filed_by_agency      uuid REFERENCES agencies (id),
    filed_by_centre      uuid REFERENCES centres (id),
    -- The party complained about: exactly one.
    against_employer     uuid REFERENCES employers (id),
    against_agency       uuid REFERENCES agencies (id),
    -- The placement it concerns, if any (the service checks it is the complainant's, with the
    -- accused party).
    placement_id         uuid REFERENCES placements (id),
    category             text NOT NULL CHECK (category IN (
                             'unpaid_wages', 'fee_charged', 'passport_retained',
                             'conditions_differ', 'violence', 'discrimination', 'other')),
    body                 text NOT NULL CHECK (length(body) BETWEEN 1 AND 5000),
    state                text NOT NULL DEFAULT 'received'
                             CHECK (state IN ('received', 'in_review', 'upheld', 'dismissed')),
    -- The ministry's written decision.
    outcome              text CHECK (length(outcome) BETWEEN 1 AND 5000),
    -- Forwarded to the accused party, with the ministry's own summary (never the person's words).
    forwarded_at         timestamptz,
    forwarded_by         uuid REFERENCES users (id),
    forwarded_summary    text CHECK (length(forwarded_summary) BETWEEN 1 AND 5000),
    -- Set by the ministry with the outcome when the accused must learn who complained.
    disclose_complainant boolean NOT NULL DEFAULT false,
    version              bigint NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(against_employer, against_agency) = 1),
    CHECK (num_nonnulls(filed_by_agency, filed_by_centre) <= 1),
    CHECK (filed_by_agency IS DISTINCT FROM against_agency OR filed_by_agency IS NULL),
    CHECK ((state IN ('upheld', 'dismissed')) = (outcome IS NOT NULL)),
    CHECK (NOT disclose_complainant OR state IN ('upheld', 'dismissed')),
    CHECK (num_nonnulls(forwarded_at, forwarded_by, forwarded_summary) IN (0, 3)),
    CHECK (forwarded_at IS NULL OR state <> 'received')
);
CREATE INDEX complaints_candidate_idx ON complaints (candidate_id, id);
CREATE INDEX complaints_employer_idx ON complaints (against_employer, id)
    WHERE against_employer IS NOT NULL;
CREATE INDEX complaints_agency_idx ON complaints (against_agency, state)
    WHERE against_agency IS NOT NULL;
CREATE INDEX complaints_state_idx ON complaints (state, id);

-- Every step of every complaint: filed, each state change, the forwarding. Append-only.
CREATE TABLE complaint_events (
    id           bigserial PRIMARY KEY,
    complaint_id uuid NOT NULL REFERENCES complaints (id),
    kind         text NOT NULL CHECK (kind IN ('filed', 'transitioned', 'forwarded')),
    from_state   text CHECK (from_state IN ('received', 'in_review', 'upheld', 'dismissed')),
    to_state     text NOT NULL CHECK (to_state IN ('received', 'in_review', 'upheld', 'dismissed')),
    actor_id     uuid REFERENCES users (id),
    actor_role   text NOT NULL CHECK (actor_role IN (
                     'migrant', 'employer', 'agency', 'centre', 'ministry', 'admin', 'system')),
    -- The outcome with a decision, the summary with the forwarding.
    note         text CHECK (length(note) BETWEEN 1 AND 5000),
    at           timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'filed') = (from_state IS NULL)),
    CHECK (kind <> 'transitioned' OR from_state IS DISTINCT FROM to_state)
);
CREATE INDEX complaint_events_complaint_idx ON complaint_events (complaint_id, id);

CREATE FUNCTION complaint_events_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'complaint_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER complaint_events_no_update_delete
    BEFORE UPDATE OR DELETE ON complaint_events
    FOR EACH ROW EXECUTE FUNCTION complaint_events_is_append_only();
CREATE TRIGGER complaint_events_no_truncate
    BEFORE TRUNCATE ON complaint_events
    FOR EACH STATEMENT EXECUTE FUNCTION complaint_events_is_append_only();
