-- Reviews by workers who were really placed: after `employed`, and again at completion, the
-- worker rates the employer and (if there was one) the agency of the placement (see
-- src/domain/review.rs). Append-only: a review is never edited or withdrawn, so no one can be
-- pressed into changing it.
CREATE TABLE reviews (
    id             uuid PRIMARY KEY,
    placement_id   uuid NOT NULL REFERENCES placements (id),
    subject        text NOT NULL CHECK (subject IN ('employer', 'agency')),
    -- The party reviewed: the placement's employer, or the agency that proposed it.
    employer_id    uuid REFERENCES employers (id),
    agency_id      uuid REFERENCES agencies (id),
    -- The placement's state when written: employed → employment; completed, terminated →
    -- completion.
    stage          text NOT NULL CHECK (stage IN ('employment', 'completion')),
    truth_of_offer smallint NOT NULL CHECK (truth_of_offer BETWEEN 1 AND 5),
    contract_kept  smallint NOT NULL CHECK (contract_kept BETWEEN 1 AND 5),
    treatment      smallint NOT NULL CHECK (treatment BETWEEN 1 AND 5),
    -- Was the worker asked to pay anything.
    fee_asked      boolean NOT NULL,
    comment        text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    -- Kept only to enforce the rules; never shown to the party reviewed or the public.
    written_by     uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    UNIQUE (placement_id, subject, stage),
    CHECK ((subject = 'employer') = (employer_id IS NOT NULL)),
    CHECK ((subject = 'agency') = (agency_id IS NOT NULL))
);
CREATE INDEX reviews_employer_idx ON reviews (employer_id) WHERE employer_id IS NOT NULL;
CREATE INDEX reviews_agency_idx ON reviews (agency_id) WHERE agency_id IS NOT NULL;
CREATE INDEX reviews_written_by_idx ON reviews (written_by, id);

CREATE FUNCTION reviews_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reviews is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER reviews_no_update_delete
    BEFORE UPDATE OR DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION reviews_is_append_only();
CREATE TRIGGER reviews_no_truncate
    BEFORE TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION reviews_is_append_only();
