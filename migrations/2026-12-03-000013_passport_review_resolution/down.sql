ALTER TABLE passport_reviews
    DROP CONSTRAINT passport_reviews_resolution_whole,
    DROP COLUMN outcome, DROP COLUMN note, DROP COLUMN resolved_by, DROP COLUMN resolved_at;
