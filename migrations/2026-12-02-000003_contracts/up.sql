-- Positions taken by approved placements. The CHECK makes "never more approved than positions"
-- a property of the database, whatever races above it.
ALTER TABLE vacancies
    ADD COLUMN positions_filled integer NOT NULL DEFAULT 0,
    ADD CONSTRAINT vacancies_positions_filled CHECK (positions_filled BETWEEN 0 AND positions);

-- The written contract of a placement (see src/domain/contract.rs). Each change is a new
-- version; a version's terms never change, and a signature, once given, is never taken back.
CREATE TABLE contracts (
    id                      uuid PRIMARY KEY,
    placement_id            uuid NOT NULL REFERENCES placements (id),
    version                 integer NOT NULL CHECK (version >= 1),
    -- The parties and the job as they were when this version was written: a contract is a
    -- document, it does not follow later edits of the vacancy or the profile.
    employer_name           text NOT NULL,
    employer_inn            text NOT NULL,
    agency_name             text,
    agency_licence_number   text,
    candidate_name          text NOT NULL,
    candidate_citizenship   char(2) NOT NULL,
    vacancy_title           text NOT NULL,
    occupation_code         char(4) NOT NULL,
    region_code             text NOT NULL,
    city                    text NOT NULL,
    -- The terms.
    salary_rub_month        integer NOT NULL CHECK (salary_rub_month > 0),
    minimum_wage_rub_month  integer NOT NULL CHECK (minimum_wage_rub_month > 0),
    minimum_wage_source     text NOT NULL CHECK (length(minimum_wage_source) > 0),
    hours_per_week          integer NOT NULL CHECK (hours_per_week BETWEEN 1 AND 60),
    hours_reason            text CHECK (length(hours_reason) BETWEEN 1 AND 2000),
    start_date              date NOT NULL,
    duration_months         integer NOT NULL CHECK (duration_months BETWEEN 1 AND 36),
    housing                 text CHECK (length(housing) BETWEEN 1 AND 2000),
    meals                   text CHECK (length(meals) BETWEEN 1 AND 2000),
    transport               text CHECK (length(transport) BETWEEN 1 AND 2000),
    paid_leave_days         integer NOT NULL CHECK (paid_leave_days BETWEEN 28 AND 90),
    employer_pays_travel    boolean NOT NULL,
    employer_pays_medical   boolean NOT NULL,
    employer_pays_permit    boolean NOT NULL,
    -- ILO C181 art. 7: workers are charged no fee; the employer pays.
    worker_fee_rub          integer NOT NULL DEFAULT 0
                            CONSTRAINT contracts_worker_fee_zero CHECK (worker_fee_rub = 0),
    drafted_by              uuid NOT NULL REFERENCES users (id),
    created_at              timestamptz NOT NULL DEFAULT now(),
    UNIQUE (placement_id, version),
    CONSTRAINT contracts_salary_at_least_minimum CHECK (salary_rub_month >= minimum_wage_rub_month),
    CONSTRAINT contracts_long_week_explained CHECK (hours_per_week <= 40 OR hours_reason IS NOT NULL)
);
CREATE INDEX contracts_placement_idx ON contracts (placement_id, version DESC);

-- A signature of one version by one side: given once, never changed or taken back.
CREATE TABLE contract_signatures (
    id          bigserial PRIMARY KEY,
    contract_id uuid NOT NULL REFERENCES contracts (id),
    signer      text NOT NULL CHECK (signer IN ('employer', 'candidate')),
    user_id     uuid NOT NULL REFERENCES users (id),
    -- The language the candidate read the contract in when they confirmed it.
    locale      text CHECK (locale IN ('ru', 'ky', 'uz', 'tg', 'en')),
    signed_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (contract_id, signer),
    CHECK ((signer = 'candidate') = (locale IS NOT NULL))
);

-- Both tables are append-only: a version's terms never change (a change is a new version).
CREATE FUNCTION contracts_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER contracts_no_update_delete
    BEFORE UPDATE OR DELETE ON contracts
    FOR EACH ROW EXECUTE FUNCTION contracts_are_append_only();
CREATE TRIGGER contracts_no_truncate
    BEFORE TRUNCATE ON contracts
    FOR EACH STATEMENT EXECUTE FUNCTION contracts_are_append_only();
CREATE TRIGGER contract_signatures_no_update_delete
    BEFORE UPDATE OR DELETE ON contract_signatures
    FOR EACH ROW EXECUTE FUNCTION contracts_are_append_only();
CREATE TRIGGER contract_signatures_no_truncate
    BEFORE TRUNCATE ON contract_signatures
    FOR EACH STATEMENT EXECUTE FUNCTION contracts_are_append_only();
