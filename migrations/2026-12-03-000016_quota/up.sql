-- Quota caps per year, region and ISCO-08 group; employers' applications against them; the
-- units approved placements use. used <= granted <= cap is held here, not only in code:
-- every counter moves by a guarded UPDATE and a CHECK refuses what would break it.
CREATE TABLE quota_caps (
    id               uuid PRIMARY KEY,
    year             integer NOT NULL CHECK (year BETWEEN 2020 AND 2100),
    region_code      text NOT NULL,
    occupation_group text NOT NULL CHECK (occupation_group ~ '^[0-9]{1,2}$'),
    cap              integer NOT NULL CHECK (cap >= 0),
    -- Units granted to applications so far.
    allocated        integer NOT NULL DEFAULT 0 CHECK (allocated >= 0),
    set_by           uuid NOT NULL REFERENCES users (id),
    reason           text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (year, region_code, occupation_group),
    CONSTRAINT quota_caps_allocated_within_cap CHECK (allocated <= cap)
);

CREATE TABLE quota_applications (
    id                uuid PRIMARY KEY,
    employer_id       uuid NOT NULL REFERENCES employers (id),
    cap_id            uuid NOT NULL REFERENCES quota_caps (id),
    year              integer NOT NULL,
    region_code       text NOT NULL,
    occupation_code   text NOT NULL,
    workers_requested integer NOT NULL CHECK (workers_requested BETWEEN 1 AND 10000),
    justification     text NOT NULL CHECK (length(justification) BETWEEN 1 AND 4000),
    -- The local-hiring evidence: the employer's vacancy for this job, published long enough.
    vacancy_id        uuid NOT NULL REFERENCES vacancies (id),
    state             text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted',
                          'under_review', 'approved', 'partially_approved', 'rejected', 'withdrawn')),
    workers_granted   integer NOT NULL DEFAULT 0 CHECK (workers_granted >= 0),
    -- Units approved placements use.
    used              integer NOT NULL DEFAULT 0 CHECK (used >= 0),
    decision_reason   text CHECK (length(decision_reason) BETWEEN 1 AND 2000),
    decided_by        uuid REFERENCES users (id),
    decided_at        timestamptz,
    submitted_at      timestamptz,
    created_by        uuid NOT NULL REFERENCES users (id),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT quota_applications_used_within_granted CHECK (used <= workers_granted),
    CONSTRAINT quota_applications_granted_within_requested CHECK (workers_granted <= workers_requested),
    CHECK (workers_granted = 0 OR state IN ('approved', 'partially_approved')),
    CHECK ((decided_at IS NULL) = (state NOT IN ('approved', 'partially_approved', 'rejected')))
);
CREATE INDEX quota_applications_employer_idx
    ON quota_applications (employer_id, year, region_code) WHERE state IN ('approved', 'partially_approved');
CREATE INDEX quota_applications_state_idx ON quota_applications (state, created_at);

-- The unit an approved placement took, so that a withdrawal before departure gives it back.
ALTER TABLE placements ADD COLUMN quota_application_id uuid REFERENCES quota_applications (id);
