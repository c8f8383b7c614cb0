-- Public verification codes ("Is this real?"): one short code per published vacancy, agency and
-- signed contract, checked by anyone at GET /api/v1/verify/{code}. The format and the check
-- character are those of src/domain/verify.rs: a kind letter, a dash, 8 Crockford base32 symbols
-- (no I L O U) in two groups of four, the last a check character such that the weighted sum
-- Σ (j + 1)·value(symbol j) over the nine symbols (kind letter first) is 0 modulo 37.
-- A code, once issued, is permanent (append-only, like audit_log): it can never be moved to
-- another object.

CREATE FUNCTION verification_code_valid(code text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT code ~ '^[VAC]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$'
       AND (SELECT sum(i * (strpos('0123456789ABCDEFGHJKMNPQRSTVWXYZ',
                                   substr(replace(code, '-', ''), i, 1)) - 1))
              FROM generate_series(1, 9) AS i) % 37 = 0
$$;

CREATE TABLE verification_codes (
    code       text PRIMARY KEY CHECK (verification_code_valid(code)),
    kind       text NOT NULL CHECK (kind IN ('vacancy', 'agency', 'contract')),
    object_id  uuid NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, object_id),
    CHECK (left(code, 1) = CASE kind WHEN 'vacancy' THEN 'V'
                                     WHEN 'agency' THEN 'A'
                                     WHEN 'contract' THEN 'C' END)
);

CREATE FUNCTION verification_codes_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'verification_codes is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER verification_codes_no_update_delete
    BEFORE UPDATE OR DELETE ON verification_codes
    FOR EACH ROW EXECUTE FUNCTION verification_codes_is_append_only();
CREATE TRIGGER verification_codes_no_truncate
    BEFORE TRUNCATE ON verification_codes
    FOR EACH STATEMENT EXECUTE FUNCTION verification_codes_is_append_only();

-- Backfill: every existing agency, and every vacancy that was ever published. random() is
-- enough here (the application issues later codes from the operating system's CSPRNG); a draw
-- whose check value would be 32–36 (no symbol) is drawn again, a code already taken is retried.
CREATE FUNCTION verification_code_draw(letter text) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    body text;
    total int;
    v int;
    check_value int;
BEGIN
    LOOP
        body := '';
        total := strpos(alphabet, letter) - 1;
        FOR i IN 1..7 LOOP
            v := floor(random() * 32)::int;
            body := body || substr(alphabet, v + 1, 1);
            total := total + (i + 1) * v;
        END LOOP;
        -- 9·c ≡ −total (mod 37), and 9⁻¹ ≡ 33.
        check_value := ((37 - total % 37) % 37) * 33 % 37;
        IF check_value < 32 THEN
            body := body || substr(alphabet, check_value + 1, 1);
            RETURN letter || '-' || substr(body, 1, 4) || '-' || substr(body, 5, 4);
        END IF;
    END LOOP;
END;
$$;

DO $$
BEGIN
    LOOP
        INSERT INTO verification_codes (code, kind, object_id)
        SELECT verification_code_draw('A'), 'agency', a.id
          FROM agencies a
         WHERE NOT EXISTS (SELECT 1 FROM verification_codes c
                            WHERE c.kind = 'agency' AND c.object_id = a.id)
        ON CONFLICT DO NOTHING;
        INSERT INTO verification_codes (code, kind, object_id)
        SELECT verification_code_draw('V'), 'vacancy', v.id
          FROM vacancies v
         WHERE v.published_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM verification_codes c
                            WHERE c.kind = 'vacancy' AND c.object_id = v.id)
        ON CONFLICT DO NOTHING;
        EXIT WHEN NOT EXISTS (
            SELECT 1 FROM agencies a
             WHERE NOT EXISTS (SELECT 1 FROM verification_codes c
                                WHERE c.kind = 'agency' AND c.object_id = a.id))
          AND NOT EXISTS (
            SELECT 1 FROM vacancies v
             WHERE v.published_at IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM verification_codes c
                                WHERE c.kind = 'vacancy' AND c.object_id = v.id));
    END LOOP;
END;
$$;

DROP FUNCTION verification_code_draw(text);

-- An agency's licence history starts with its registration (`issue`, by whoever registered it),
-- which has no status before it.
ALTER TABLE licence_events ALTER COLUMN from_status DROP NOT NULL;
