-- What the candidate and their centre were told had lapsed on an approved placement's
-- checklist: one row per item and lapse, so the daily sweep emails each expiry once.
CREATE TABLE readiness_lapse_notices (
    placement_id uuid NOT NULL REFERENCES placements (id) ON DELETE CASCADE,
    item         text NOT NULL,
    -- The last valid day (expired) or the day of a check now too old (too early).
    lapsed_on    date NOT NULL,
    notified_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (placement_id, item, lapsed_on)
);
