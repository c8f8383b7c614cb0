-- The ministry's decision on a registration whose passport number was already on file.
ALTER TABLE passport_reviews
    ADD COLUMN outcome     text CHECK (outcome IN ('same_person', 'entry_error', 'suspected_misuse')),
    ADD COLUMN note        text CHECK (length(note) BETWEEN 1 AND 2000),
    ADD COLUMN resolved_by uuid REFERENCES users (id),
    ADD COLUMN resolved_at timestamptz,
    ADD CONSTRAINT passport_reviews_resolution_whole CHECK (
        (status = 'open' AND outcome IS NULL AND note IS NULL AND resolved_by IS NULL AND resolved_at IS NULL)
        OR (status = 'resolved' AND outcome IS NOT NULL AND note IS NOT NULL AND resolved_by IS NOT NULL
            AND resolved_at IS NOT NULL));
