-- Consequences as policy data the ministry edits, and the restrictions they impose.
CREATE TABLE policies (
    key        text PRIMARY KEY CHECK (key IN ('bad_followups_restrict_at')),
    value      integer NOT NULL CHECK (value >= 1),
    reason     text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    updated_by uuid REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO policies (key, value, reason)
VALUES ('bad_followups_restrict_at', 2, 'Default: two bad follow-ups (unpaid wages, a retained passport, conditions differ) restrict new approvals');

-- While a restriction is active, no new placement of the employer is approved (409
-- employer_restricted). Only the ministry lifts it, with a reason.
CREATE TABLE employer_restrictions (
    id          uuid PRIMARY KEY,
    employer_id uuid NOT NULL REFERENCES employers (id),
    cause       text NOT NULL CHECK (cause IN ('unpaid_wages_upheld', 'repeated_bad_followups', 'ministry_decision')),
    detail      text NOT NULL CHECK (length(detail) BETWEEN 1 AND 2000),
    imposed_at  timestamptz NOT NULL DEFAULT now(),
    imposed_by  uuid REFERENCES users (id),
    lifted_at   timestamptz,
    lifted_by   uuid REFERENCES users (id),
    lift_reason text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
    CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
);
-- One active restriction per employer and cause.
CREATE UNIQUE INDEX employer_restrictions_one_active
    ON employer_restrictions (employer_id, cause) WHERE lifted_at IS NULL;
