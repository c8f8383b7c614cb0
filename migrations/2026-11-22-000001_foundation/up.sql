-- Foundation schema. Reference data rows are loaded by `orgnabor migrate` from index/reference/.

CREATE TABLE countries (
    code        char(2) PRIMARY KEY CHECK (code ~ '^[A-Z]{2}$'),
    name_ru     text NOT NULL,
    name_en     text NOT NULL,
    eaeu_member boolean NOT NULL DEFAULT false
);

CREATE TABLE regions (
    code             text PRIMARY KEY CHECK (code ~ '^[A-Z]{2}-[A-Z0-9]{1,3}$'),
    country          char(2) NOT NULL REFERENCES countries (code),
    name_ru          text NOT NULL,
    name_en          text NOT NULL,
    name_ky          text,
    federal_district text
);

CREATE TABLE occupations (
    code    char(4) PRIMARY KEY CHECK (code ~ '^[0-9]{4}$'),
    name_en text NOT NULL,
    name_ru text NOT NULL,
    name_ky text,
    sector  text NOT NULL
);

CREATE TABLE users (
    id                uuid PRIMARY KEY,
    email             text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
    password_hash     text NOT NULL,
    role              text NOT NULL CHECK (role IN ('migrant', 'employer', 'agency', 'centre', 'ministry', 'admin')),
    full_name         text NOT NULL CHECK (length(full_name) BETWEEN 1 AND 200),
    locale            text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru', 'ky', 'uz', 'tg', 'en')),
    email_verified_at timestamptz,
    disabled_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY,
    user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Single-use tokens sent by email. `purpose` keeps them from being used for one another.
CREATE TABLE email_tokens (
    id         uuid PRIMARY KEY,
    user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    text NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    token_hash bytea NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

CREATE TABLE employers (
    id            uuid PRIMARY KEY,
    inn           text NOT NULL UNIQUE CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'),
    ogrn          text UNIQUE CHECK (ogrn ~ '^([0-9]{13}|[0-9]{15})$'),
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    region_code   text NOT NULL REFERENCES regions (code),
    city          text NOT NULL,
    address       text,
    contact_email text,
    contact_phone text,
    website       text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agencies (
    id                 uuid PRIMARY KEY,
    name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    inn                text NOT NULL UNIQUE CHECK (inn ~ '^([0-9]{10}|[0-9]{12})$'),
    country            char(2) NOT NULL REFERENCES countries (code),
    contact_email      text,
    contact_phone      text,
    licence_number     text NOT NULL UNIQUE,
    licence_issuer     text NOT NULL,
    licence_valid_from date NOT NULL,
    licence_valid_to   date NOT NULL,
    licence_regions    text[] NOT NULL DEFAULT '{}',
    licence_status     text NOT NULL DEFAULT 'active'
                       CHECK (licence_status IN ('active', 'suspended', 'revoked', 'expired')),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (licence_valid_from <= licence_valid_to)
);

CREATE TABLE centres (
    id            uuid PRIMARY KEY,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    region_code   text NOT NULL REFERENCES regions (code),
    city          text NOT NULL,
    address       text,
    contact_email text,
    contact_phone text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- Which organisation a staff account acts for. One organisation per account.
CREATE TABLE memberships (
    user_id     uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    employer_id uuid REFERENCES employers (id),
    agency_id   uuid REFERENCES agencies (id),
    centre_id   uuid REFERENCES centres (id),
    -- Joining an existing employer by its (public) INN needs an admin's approval first.
    approved_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (num_nonnulls(employer_id, agency_id, centre_id) = 1)
);
CREATE INDEX memberships_employer_idx ON memberships (employer_id);
CREATE INDEX memberships_agency_idx ON memberships (agency_id);
CREATE INDEX memberships_centre_idx ON memberships (centre_id);

CREATE TABLE candidate_profiles (
    id                 uuid PRIMARY KEY,
    user_id            uuid UNIQUE REFERENCES users (id),
    created_by         uuid NOT NULL REFERENCES users (id),
    first_name         text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
    last_name          text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
    date_of_birth      date NOT NULL,
    gender             text NOT NULL CHECK (gender IN ('male', 'female')),
    citizenship        char(2) NOT NULL REFERENCES countries (code),
    -- Passport number: AEAD ciphertext (nonce || ciphertext), a keyed hash for uniqueness, last 4 for masking.
    passport_ciphertext bytea NOT NULL,
    passport_hmac      bytea NOT NULL UNIQUE,
    passport_last4     text NOT NULL,
    passport_expiry    date NOT NULL,
    email              text,
    phone              text,
    languages          jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(languages) = 'array'),
    russian_level      text CHECK (russian_level IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    occupations        text[] NOT NULL DEFAULT '{}',
    skills             text NOT NULL DEFAULT '',
    experience_years   integer NOT NULL DEFAULT 0 CHECK (experience_years BETWEEN 0 AND 60),
    education_level    smallint CHECK (education_level BETWEEN 0 AND 8),
    preferred_regions  text[] NOT NULL DEFAULT '{any}',
    salary_min         integer CHECK (salary_min >= 0),
    available_from     date,
    searchable         boolean NOT NULL DEFAULT false,
    version            bigint NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- A person's consent to be represented by an agency or a centre.
CREATE TABLE consents (
    id         uuid PRIMARY KEY,
    profile_id uuid NOT NULL REFERENCES candidate_profiles (id),
    agency_id  uuid REFERENCES agencies (id),
    centre_id  uuid REFERENCES centres (id),
    method     text NOT NULL CHECK (method IN ('online', 'in_person', 'written')),
    granted_by uuid NOT NULL REFERENCES users (id),
    granted_at timestamptz NOT NULL DEFAULT now(),
    revoked_by uuid REFERENCES users (id),
    revoked_at timestamptz,
    CHECK (num_nonnulls(agency_id, centre_id) = 1)
);
CREATE UNIQUE INDEX consents_active_agency_key ON consents (profile_id, agency_id) WHERE revoked_at IS NULL AND agency_id IS NOT NULL;
CREATE UNIQUE INDEX consents_active_centre_key ON consents (profile_id, centre_id) WHERE revoked_at IS NULL AND centre_id IS NOT NULL;

CREATE TABLE vacancies (
    id                uuid PRIMARY KEY,
    employer_id       uuid NOT NULL REFERENCES employers (id),
    title             text NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
    occupation_code   char(4) NOT NULL REFERENCES occupations (code),
    description       text NOT NULL,
    required_skills   text[] NOT NULL DEFAULT '{}',
    optional_skills   text[] NOT NULL DEFAULT '{}',
    region_code       text NOT NULL REFERENCES regions (code),
    city              text NOT NULL,
    positions         integer NOT NULL CHECK (positions >= 1),
    salary_min        integer NOT NULL CHECK (salary_min > 0),
    salary_max        integer NOT NULL,
    housing           boolean NOT NULL DEFAULT false,
    meals             boolean NOT NULL DEFAULT false,
    transport         boolean NOT NULL DEFAULT false,
    hours_per_week    integer NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
    contract_months   integer NOT NULL CHECK (contract_months BETWEEN 1 AND 60),
    russian_level_min text CHECK (russian_level_min IN ('A1', 'A2', 'B1', 'B2', 'C1', 'C2')),
    start_date        date NOT NULL,
    expires_on        date NOT NULL,
    open_to_foreign   boolean NOT NULL DEFAULT true,
    status            text NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'published', 'paused', 'filled', 'closed', 'expired')),
    published_at      timestamptz,
    version           bigint NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CHECK (salary_min <= salary_max)
);
CREATE INDEX vacancies_public_idx ON vacancies (status, expires_on, id);
CREATE INDEX vacancies_employer_idx ON vacancies (employer_id, id);

-- Append-only: see the trigger below.
CREATE TABLE audit_log (
    id          bigserial PRIMARY KEY,
    at          timestamptz NOT NULL DEFAULT now(),
    actor_id    uuid,
    actor_role  text,
    action      text NOT NULL,
    object_type text NOT NULL,
    object_id   uuid NOT NULL,
    before      jsonb,
    after       jsonb,
    request_id  text
);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id, id);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

CREATE TABLE jobs (
    id         bigserial PRIMARY KEY,
    kind       text NOT NULL,
    payload    jsonb NOT NULL,
    attempts   integer NOT NULL DEFAULT 0,
    run_at     timestamptz NOT NULL DEFAULT now(),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_run_at_idx ON jobs (run_at);

-- Monotonic log of changes the search index applies in order.
CREATE TABLE search_changes (
    id         bigserial PRIMARY KEY,
    entity     text NOT NULL CHECK (entity IN ('vacancy', 'candidate')),
    entity_id  uuid NOT NULL,
    op         text NOT NULL CHECK (op IN ('upsert', 'delete')),
    created_at timestamptz NOT NULL DEFAULT now()
);
