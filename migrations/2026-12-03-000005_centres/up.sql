-- Pre-departure centres: orientation sessions and their bookings, and one-time claim codes that
-- hand a walk-in profile to the person's own account.

CREATE TABLE orientation_sessions (
    id               uuid PRIMARY KEY,
    centre_id        uuid NOT NULL REFERENCES centres (id),
    starts_at        timestamptz NOT NULL,
    duration_minutes int NOT NULL CHECK (duration_minutes BETWEEN 15 AND 720),
    place            text NOT NULL CHECK (length(place) BETWEEN 1 AND 300),
    language         text NOT NULL CHECK (language IN ('ru', 'ky', 'uz', 'tg', 'en')),
    capacity         int NOT NULL CHECK (capacity > 0 AND capacity <= 500),
    topics           text[] NOT NULL CHECK (cardinality(topics) > 0 AND topics <@ ARRAY[
                         'labour_rights', 'registration_and_patents', 'risks_and_fraud',
                         'hotlines']::text[]),
    note             text NOT NULL DEFAULT '',
    -- Seats taken by non-cancelled bookings; the CHECK is what makes `session_full` hold under
    -- concurrent bookings (a booking takes its seat with a conditional UPDATE of this row).
    booked           int NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
    created_by       uuid NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orientation_sessions_centre_idx ON orientation_sessions (centre_id, starts_at);

CREATE TABLE session_bookings (
    id           uuid PRIMARY KEY,
    session_id   uuid NOT NULL REFERENCES orientation_sessions (id),
    candidate_id uuid NOT NULL REFERENCES candidate_profiles (id),
    booked_by    uuid NOT NULL REFERENCES users (id),
    booked_at    timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz,
    cancelled_by uuid REFERENCES users (id),
    attended_at  timestamptz,
    attendance_recorded_by uuid REFERENCES users (id),
    UNIQUE (session_id, candidate_id),
    CHECK (cancelled_at IS NULL OR attended_at IS NULL)
);
CREATE INDEX session_bookings_candidate_idx ON session_bookings (candidate_id);

-- Only a keyed hash of each code is stored. At most one live (neither voided nor spent) code per
-- profile: issuing a new one voids the old.
CREATE TABLE claim_codes (
    id           uuid PRIMARY KEY,
    candidate_id uuid NOT NULL REFERENCES candidate_profiles (id),
    centre_id    uuid NOT NULL REFERENCES centres (id),
    code_hash    bytea NOT NULL UNIQUE,
    issued_by    uuid NOT NULL REFERENCES users (id),
    issued_at    timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    voided_at    timestamptz,
    spent_at     timestamptz,
    spent_by     uuid REFERENCES users (id),
    CHECK (expires_at > issued_at),
    CHECK (voided_at IS NULL OR spent_at IS NULL)
);
CREATE UNIQUE INDEX claim_codes_one_live_per_profile
    ON claim_codes (candidate_id) WHERE voided_at IS NULL AND spent_at IS NULL;

-- A registration whose passport number is already on file is not refused (a refusal would tell
-- anyone that the number is known); it waits here for the ministry. The submission is sealed
-- like a passport number; the lookup hash ties it to the profile that holds the number.
CREATE TABLE passport_reviews (
    id                  uuid PRIMARY KEY,
    passport_hmac       bytea NOT NULL,
    existing_profile_id uuid NOT NULL REFERENCES candidate_profiles (id),
    submitted_by        uuid NOT NULL REFERENCES users (id),
    submitted_role      text NOT NULL,
    agency_id           uuid REFERENCES agencies (id),
    centre_id           uuid REFERENCES centres (id),
    submission          bytea NOT NULL,
    status              text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX passport_reviews_open_idx ON passport_reviews (created_at) WHERE status = 'open';
