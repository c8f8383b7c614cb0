-- The readiness checklist (src/domain/readiness.rs): one current row per candidate and item,
-- kept by centre staff. Every change is in audit_log (action readiness.recorded, before and
-- after), which is the item's history. `orientation` is never stored here: it is computed from
-- session_bookings.

CREATE TABLE readiness_items (
    candidate_id uuid NOT NULL REFERENCES candidate_profiles (id) ON DELETE CASCADE,
    item         text NOT NULL CHECK (item IN ('passport', 'medical', 'insurance', 'russian_test',
                                               'reentry_ban_check', 'contract_explained')),
    status       text NOT NULL CHECK (status IN ('missing', 'ok', 'failed')),
    evidence_ref text CHECK (length(evidence_ref) BETWEEN 1 AND 200),
    -- The day the check itself was done (the exam, the ban lookup).
    checked_on   date NOT NULL,
    valid_until  date,
    -- russian_test: the tested CEFR level; contract_explained: the language (ISO 639-1).
    level        text CHECK (level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    language     text CHECK (language ~ '^[a-z]{2}$'),
    checked_by   uuid NOT NULL REFERENCES users (id),
    checked_at   timestamptz NOT NULL DEFAULT now(),
    version      bigint NOT NULL DEFAULT 1,
    PRIMARY KEY (candidate_id, item),
    CHECK (status <> 'ok' OR item NOT IN ('passport', 'insurance') OR valid_until IS NOT NULL),
    CHECK (status <> 'ok' OR item <> 'russian_test' OR level IS NOT NULL),
    CHECK (status <> 'ok' OR item <> 'contract_explained' OR language IS NOT NULL)
);

-- A departure cohort: a centre groups approved placements that leave together. Confirming it
-- departs each ready placement (in one transaction) and records which were refused and why.
CREATE TABLE cohorts (
    id             uuid PRIMARY KEY,
    centre_id      uuid NOT NULL REFERENCES centres (id),
    departure_date date NOT NULL,
    transport      text NOT NULL CHECK (length(transport) BETWEEN 1 AND 500),
    escort         text CHECK (length(escort) BETWEEN 1 AND 500),
    created_by     uuid NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now(),
    confirmed_by   uuid REFERENCES users (id),
    confirmed_at   timestamptz,
    CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL))
);

CREATE TABLE cohort_placements (
    cohort_id    uuid NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    placement_id uuid NOT NULL REFERENCES placements (id),
    -- Set at confirmation: 'departed', or why the placement stayed behind (a problem code).
    outcome      text,
    -- For `not_ready`: the items, as the problem's `missing` lists them.
    missing      jsonb,
    PRIMARY KEY (cohort_id, placement_id)
);
CREATE INDEX cohort_placements_placement ON cohort_placements (placement_id);

-- A placement's departure: the date, who recorded it, the cohort it left with. One per placement.
CREATE TABLE departures (
    placement_id   uuid PRIMARY KEY REFERENCES placements (id),
    departure_date date NOT NULL,
    recorded_by    uuid NOT NULL REFERENCES users (id),
    recorded_at    timestamptz NOT NULL DEFAULT now(),
    cohort_id      uuid REFERENCES cohorts (id)
);

-- Orientation attendance (orientation_sessions, session_bookings) comes from migration
-- 2026-12-03-000005_centres; db::models::readiness::attended_orientation reads it.
