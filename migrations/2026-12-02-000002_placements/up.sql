-- Placements: one candidate's path to one vacancy (see src/domain/placement.rs).
CREATE TABLE placements (
    id                 uuid PRIMARY KEY,
    vacancy_id         uuid NOT NULL REFERENCES vacancies (id),
    candidate_id       uuid NOT NULL REFERENCES candidate_profiles (id),
    origin             text NOT NULL CHECK (origin IN ('applied', 'proposed', 'invited')),
    proposed_by_agency uuid REFERENCES agencies (id),
    state              text NOT NULL CHECK (state IN (
                           'applied', 'proposed', 'invited', 'shortlisted', 'offered',
                           'contract_signed', 'under_review', 'approved', 'departed', 'arrived',
                           'employed', 'completed', 'rejected', 'withdrawn', 'terminated')),
    -- The reason given with the last step, if any.
    reason             text CHECK (length(reason) BETWEEN 1 AND 2000),
    -- Why the candidate and the vacancy fit (search::explain), shown to the other side.
    match_explanation  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(match_explanation) = 'object'),
    created_by         uuid NOT NULL REFERENCES users (id),
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    -- Exactly the proposals name the agency that made them.
    CHECK ((origin = 'proposed') = (proposed_by_agency IS NOT NULL))
);
-- One open placement per candidate and vacancy.
CREATE UNIQUE INDEX placements_one_open ON placements (candidate_id, vacancy_id)
    WHERE state NOT IN ('rejected', 'withdrawn', 'terminated', 'completed');
CREATE INDEX placements_vacancy_idx ON placements (vacancy_id, id);
CREATE INDEX placements_candidate_idx ON placements (candidate_id, id);
CREATE INDEX placements_agency_idx ON placements (proposed_by_agency, id)
    WHERE proposed_by_agency IS NOT NULL;

-- Every step of every placement: the timeline the worker sees. Append-only.
CREATE TABLE placement_events (
    id           bigserial PRIMARY KEY,
    placement_id uuid NOT NULL REFERENCES placements (id),
    -- NULL for the event that began the placement.
    from_state   text CHECK (from_state IN (
                     'applied', 'proposed', 'invited', 'shortlisted', 'offered',
                     'contract_signed', 'under_review', 'approved', 'departed', 'arrived',
                     'employed', 'completed', 'rejected', 'withdrawn', 'terminated')),
    to_state     text NOT NULL CHECK (to_state IN (
                     'applied', 'proposed', 'invited', 'shortlisted', 'offered',
                     'contract_signed', 'under_review', 'approved', 'departed', 'arrived',
                     'employed', 'completed', 'rejected', 'withdrawn', 'terminated')),
    actor_id     uuid REFERENCES users (id),
    actor_role   text NOT NULL CHECK (actor_role IN (
                     'migrant', 'employer', 'agency', 'centre', 'ministry', 'admin', 'system')),
    reason       text CHECK (length(reason) BETWEEN 1 AND 2000),
    at           timestamptz NOT NULL DEFAULT now(),
    CHECK (from_state IS DISTINCT FROM to_state)
);
CREATE INDEX placement_events_placement_idx ON placement_events (placement_id, id);

CREATE FUNCTION placement_events_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'placement_events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER placement_events_no_update_delete
    BEFORE UPDATE OR DELETE ON placement_events
    FOR EACH ROW EXECUTE FUNCTION placement_events_is_append_only();
CREATE TRIGGER placement_events_no_truncate
    BEFORE TRUNCATE ON placement_events
    FOR EACH STATEMENT EXECUTE FUNCTION placement_events_is_append_only();
