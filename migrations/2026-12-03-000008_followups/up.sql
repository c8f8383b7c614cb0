-- After departure: arrival, the start of work and the end of it, the employer's notice of the hire
-- to the migration authorities, and a year of follow-up (see src/domain/followup.rs).
ALTER TABLE placements
    ADD COLUMN arrived_on date,
    ADD COLUMN employment_start date,
    ADD COLUMN ended_on date,
    ADD COLUMN termination text CHECK (termination IN ('by_employer', 'by_worker', 'by_agreement')),
    ADD CONSTRAINT placements_termination_only_when_terminated
        CHECK (termination IS NULL OR state = 'terminated');

-- The employer's duty to notify the migration authorities of a foreign worker's hire.
CREATE TABLE hire_notices (
    placement_id uuid PRIMARY KEY REFERENCES placements (id),
    employer_id  uuid NOT NULL REFERENCES employers (id),
    due_on       date NOT NULL,
    filed_on     date,
    reference    text CHECK (length(reference) BETWEEN 1 AND 200),
    filed_by     uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CHECK ((filed_on IS NULL) = (filed_by IS NULL)),
    CHECK ((filed_on IS NULL) = (reference IS NULL))
);
CREATE INDEX hire_notices_open_idx ON hire_notices (due_on) WHERE filed_on IS NULL;

CREATE TABLE followups (
    id                    uuid PRIMARY KEY,
    placement_id          uuid NOT NULL REFERENCES placements (id),
    kind                  text NOT NULL CHECK (kind IN ('day_30', 'day_90', 'day_180', 'day_365', 'after_termination')),
    due_on                date NOT NULL,
    answered_at           timestamptz,
    answered_by           uuid REFERENCES users (id),
    answered_by_role      text CHECK (answered_by_role IN ('migrant', 'agency', 'centre')),
    paid_on_time          boolean,
    paid_in_full          boolean,
    hours_as_contracted   boolean,
    housing_as_contracted boolean,
    passport_in_own_hands boolean,
    report                text CHECK (length(report) BETWEEN 1 AND 4000),
    -- Reminders sent (before the due date, on it), so each goes out once.
    reminded_before_at    timestamptz,
    reminded_due_at       timestamptz,
    -- Flagged to the ministry: a bad answer or overdue. The open case and its resolution.
    flagged_at            timestamptz,
    concerns              text[] NOT NULL DEFAULT '{}',
    case_closed_at        timestamptz,
    case_resolution       text CHECK (length(case_resolution) BETWEEN 1 AND 2000),
    created_at            timestamptz NOT NULL DEFAULT now(),
    UNIQUE (placement_id, kind),
    CHECK ((answered_at IS NULL) = (answered_by IS NULL)),
    CHECK (answered_at IS NULL OR (paid_on_time IS NOT NULL AND paid_in_full IS NOT NULL
        AND hours_as_contracted IS NOT NULL AND housing_as_contracted IS NOT NULL
        AND passport_in_own_hands IS NOT NULL)),
    CHECK ((flagged_at IS NULL) = (cardinality(concerns) = 0)),
    CHECK (case_closed_at IS NULL OR flagged_at IS NOT NULL),
    CHECK ((case_closed_at IS NULL) = (case_resolution IS NULL))
);
CREATE INDEX followups_due_idx ON followups (due_on) WHERE answered_at IS NULL;
CREATE INDEX followups_placement_idx ON followups (placement_id);
