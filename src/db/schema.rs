// Mirrors migrations/; kept by hand in the shape `diesel print-schema` produces.
diesel::table! {
    countries (code) {
        code -> Bpchar,
        name_ru -> Text,
        name_en -> Text,
        eaeu_member -> Bool,
    }
}

diesel::table! {
    regions (code) {
        code -> Text,
        country -> Bpchar,
        name_ru -> Text,
        name_en -> Text,
        name_ky -> Nullable<Text>,
        federal_district -> Nullable<Text>,
    }
}

diesel::table! {
    occupations (code) {
        code -> Bpchar,
        name_en -> Text,
        name_ru -> Text,
        name_ky -> Nullable<Text>,
        sector -> Text,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        full_name -> Text,
        locale -> Text,
        email_verified_at -> Nullable<Timestamptz>,
        disabled_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    refresh_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        family_id -> Uuid,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    email_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        purpose -> Text,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    employers (id) {
        id -> Uuid,
        inn -> Text,
        ogrn -> Nullable<Text>,
        name -> Text,
        region_code -> Text,
        city -> Text,
        address -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        website -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    agencies (id) {
        id -> Uuid,
        name -> Text,
        inn -> Text,
        country -> Bpchar,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        licence_number -> Text,
        licence_issuer -> Text,
        licence_valid_from -> Date,
        licence_valid_to -> Date,
        licence_regions -> Array<Text>,
        licence_status -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    centres (id) {
        id -> Uuid,
        name -> Text,
        region_code -> Text,
        city -> Text,
        address -> Nullable<Text>,
        contact_email -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    memberships (user_id) {
        user_id -> Uuid,
        employer_id -> Nullable<Uuid>,
        agency_id -> Nullable<Uuid>,
        centre_id -> Nullable<Uuid>,
        approved_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        is_owner -> Bool,
    }
}

diesel::table! {
    candidate_profiles (id) {
        id -> Uuid,
        user_id -> Nullable<Uuid>,
        created_by -> Uuid,
        first_name -> Text,
        last_name -> Text,
        date_of_birth -> Date,
        gender -> Text,
        citizenship -> Bpchar,
        passport_ciphertext -> Bytea,
        passport_hmac -> Bytea,
        passport_last4 -> Text,
        passport_expiry -> Date,
        email -> Nullable<Text>,
        phone -> Nullable<Text>,
        languages -> Jsonb,
        russian_level -> Nullable<Text>,
        occupations -> Array<Text>,
        skills -> Text,
        experience_years -> Int4,
        education_level -> Nullable<Int2>,
        preferred_regions -> Array<Text>,
        salary_min -> Nullable<Int4>,
        available_from -> Nullable<Date>,
        searchable -> Bool,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    consents (id) {
        id -> Uuid,
        profile_id -> Uuid,
        agency_id -> Nullable<Uuid>,
        centre_id -> Nullable<Uuid>,
        method -> Text,
        granted_by -> Uuid,
        granted_at -> Timestamptz,
        revoked_by -> Nullable<Uuid>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    vacancies (id) {
        id -> Uuid,
        employer_id -> Uuid,
        title -> Text,
        occupation_code -> Bpchar,
        description -> Text,
        required_skills -> Array<Text>,
        optional_skills -> Array<Text>,
        region_code -> Text,
        city -> Text,
        positions -> Int4,
        positions_filled -> Int4,
        salary_min -> Int4,
        salary_max -> Int4,
        housing -> Bool,
        meals -> Bool,
        transport -> Bool,
        hours_per_week -> Int4,
        contract_months -> Int4,
        russian_level_min -> Nullable<Text>,
        start_date -> Date,
        expires_on -> Date,
        open_to_foreign -> Bool,
        status -> Text,
        published_at -> Nullable<Timestamptz>,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        at -> Timestamptz,
        actor_id -> Nullable<Uuid>,
        actor_role -> Nullable<Text>,
        action -> Text,
        object_type -> Text,
        object_id -> Uuid,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
    }
}

diesel::table! {
    jobs (id) {
        id -> Int8,
        kind -> Text,
        payload -> Jsonb,
        attempts -> Int4,
        run_at -> Timestamptz,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    search_changes (id) {
        id -> Int8,
        entity -> Text,
        entity_id -> Uuid,
        op -> Text,
        created_at -> Timestamptz,
        txid -> Int8,
    }
}

diesel::table! {
    licence_events (id) {
        id -> Int8,
        agency_id -> Uuid,
        action -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        reason -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Nullable<Text>,
        licence_number -> Text,
        valid_from -> Date,
        valid_to -> Date,
        regions -> Array<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    placements (id) {
        id -> Uuid,
        vacancy_id -> Uuid,
        candidate_id -> Uuid,
        origin -> Text,
        proposed_by_agency -> Nullable<Uuid>,
        state -> Text,
        reason -> Nullable<Text>,
        match_explanation -> Jsonb,
        created_by -> Uuid,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        arrived_on -> Nullable<Date>,
        employment_start -> Nullable<Date>,
        ended_on -> Nullable<Date>,
        termination -> Nullable<Text>,
        quota_application_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    placement_events (id) {
        id -> Int8,
        placement_id -> Uuid,
        from_state -> Nullable<Text>,
        to_state -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        reason -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    verification_codes (code) {
        code -> Text,
        kind -> Text,
        object_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(regions -> countries (country));
diesel::table! {
    contracts (id) {
        id -> Uuid,
        placement_id -> Uuid,
        version -> Int4,
        employer_name -> Text,
        employer_inn -> Text,
        agency_name -> Nullable<Text>,
        agency_licence_number -> Nullable<Text>,
        candidate_name -> Text,
        candidate_citizenship -> Bpchar,
        vacancy_title -> Text,
        occupation_code -> Bpchar,
        region_code -> Text,
        city -> Text,
        salary_rub_month -> Int4,
        minimum_wage_rub_month -> Int4,
        minimum_wage_source -> Text,
        hours_per_week -> Int4,
        hours_reason -> Nullable<Text>,
        start_date -> Date,
        duration_months -> Int4,
        housing -> Nullable<Text>,
        meals -> Nullable<Text>,
        transport -> Nullable<Text>,
        paid_leave_days -> Int4,
        employer_pays_travel -> Bool,
        employer_pays_medical -> Bool,
        employer_pays_permit -> Bool,
        worker_fee_rub -> Int4,
        drafted_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    contract_signatures (id) {
        id -> Int8,
        contract_id -> Uuid,
        signer -> Text,
        user_id -> Uuid,
        locale -> Nullable<Text>,
        signed_at -> Timestamptz,
    }
}

diesel::table! {
    hire_notices (placement_id) {
        placement_id -> Uuid,
        employer_id -> Uuid,
        due_on -> Date,
        filed_on -> Nullable<Date>,
        reference -> Nullable<Text>,
        filed_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    followups (id) {
        id -> Uuid,
        placement_id -> Uuid,
        kind -> Text,
        due_on -> Date,
        answered_at -> Nullable<Timestamptz>,
        answered_by -> Nullable<Uuid>,
        answered_by_role -> Nullable<Text>,
        paid_on_time -> Nullable<Bool>,
        paid_in_full -> Nullable<Bool>,
        hours_as_contracted -> Nullable<Bool>,
        housing_as_contracted -> Nullable<Bool>,
        passport_in_own_hands -> Nullable<Bool>,
        report -> Nullable<Text>,
        reminded_before_at -> Nullable<Timestamptz>,
        reminded_due_at -> Nullable<Timestamptz>,
        flagged_at -> Nullable<Timestamptz>,
        concerns -> Array<Text>,
        case_closed_at -> Nullable<Timestamptz>,
        case_resolution -> Nullable<Text>,
        created_at -> Timestamptz,
        withdrawn_on -> Nullable<Date>,
    }
}

diesel::table! {
    policies (key) {
        key -> Text,
        value -> Int4,
        reason -> Text,
        updated_by -> Nullable<Uuid>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    complaints (id) {
        id -> Uuid,
        candidate_id -> Uuid,
        filed_by -> Uuid,
        filed_by_agency -> Nullable<Uuid>,
        filed_by_centre -> Nullable<Uuid>,
        against_employer -> Nullable<Uuid>,
        against_agency -> Nullable<Uuid>,
        placement_id -> Nullable<Uuid>,
        category -> Text,
        body -> Text,
        state -> Text,
        outcome -> Nullable<Text>,
        forwarded_at -> Nullable<Timestamptz>,
        forwarded_by -> Nullable<Uuid>,
        forwarded_summary -> Nullable<Text>,
        disclose_complainant -> Bool,
        version -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    employer_restrictions (id) {
        id -> Uuid,
        employer_id -> Uuid,
        cause -> Text,
        detail -> Text,
        imposed_at -> Timestamptz,
        imposed_by -> Nullable<Uuid>,
        lifted_at -> Nullable<Timestamptz>,
        lifted_by -> Nullable<Uuid>,
        lift_reason -> Nullable<Text>,
    }
}

diesel::table! {
    complaint_events (id) {
        id -> Int8,
        complaint_id -> Uuid,
        kind -> Text,
        from_state -> Nullable<Text>,
        to_state -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        note -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::joinable!(refresh_tokens -> users (user_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(memberships -> users (user_id));
diesel::joinable!(vacancies -> employers (employer_id));
diesel::joinable!(consents -> candidate_profiles (profile_id));
diesel::joinable!(licence_events -> agencies (agency_id));
diesel::joinable!(placements -> vacancies (vacancy_id));
diesel::joinable!(placement_events -> placements (placement_id));
diesel::joinable!(contracts -> placements (placement_id));
diesel::joinable!(followups -> placements (placement_id));
diesel::joinable!(hire_notices -> placements (placement_id));
diesel::joinable!(contract_signatures -> contracts (contract_id));
diesel::joinable!(complaints -> candidate_profiles (candidate_id));
diesel::joinable!(complaint_events -> complaints (complaint_id));

diesel::allow_tables_to_appear_in_same_query!(
    countries,
    regions,
    occupations,
    users,
    refresh_tokens,
    email_tokens,
    employers,
    agencies,
    centres,
    memberships,
    candidate_profiles,
    consents,
    vacancies,
    audit_log,
    jobs,
    search_changes,
    licence_events,
    placements,
    placement_events,
    contracts,
    contract_signatures,
    hire_notices,
    followups,
    policies,
    employer_restrictions,
    verification_codes,
    complaints,
    complaint_events,
);

// Pre-departure centres (migration 2026-12-03-000005_centres).
diesel::table! {
    orientation_sessions (id) {
        id -> Uuid,
        centre_id -> Uuid,
        starts_at -> Timestamptz,
        duration_minutes -> Int4,
        place -> Text,
        language -> Text,
        capacity -> Int4,
        topics -> Array<Text>,
        note -> Text,
        booked -> Int4,
        created_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    session_bookings (id) {
        id -> Uuid,
        session_id -> Uuid,
        candidate_id -> Uuid,
        booked_by -> Uuid,
        booked_at -> Timestamptz,
        cancelled_at -> Nullable<Timestamptz>,
        cancelled_by -> Nullable<Uuid>,
        attended_at -> Nullable<Timestamptz>,
        attendance_recorded_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    claim_codes (id) {
        id -> Uuid,
        candidate_id -> Uuid,
        centre_id -> Uuid,
        code_hash -> Bytea,
        issued_by -> Uuid,
        issued_at -> Timestamptz,
        expires_at -> Timestamptz,
        voided_at -> Nullable<Timestamptz>,
        spent_at -> Nullable<Timestamptz>,
        spent_by -> Nullable<Uuid>,
    }
}

diesel::table! {
    passport_reviews (id) {
        id -> Uuid,
        passport_hmac -> Bytea,
        existing_profile_id -> Uuid,
        submitted_by -> Uuid,
        submitted_role -> Text,
        agency_id -> Nullable<Uuid>,
        centre_id -> Nullable<Uuid>,
        submission -> Bytea,
        status -> Text,
        created_at -> Timestamptz,
        outcome -> Nullable<Text>,
        note -> Nullable<Text>,
        resolved_by -> Nullable<Uuid>,
        resolved_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(session_bookings -> orientation_sessions (session_id));
diesel::allow_tables_to_appear_in_same_query!(
    orientation_sessions,
    session_bookings,
    claim_codes,
    passport_reviews,
);

diesel::table! {
    readiness_items (candidate_id, item) {
        candidate_id -> Uuid,
        item -> Text,
        status -> Text,
        evidence_ref -> Nullable<Text>,
        checked_on -> Date,
        valid_until -> Nullable<Date>,
        level -> Nullable<Text>,
        language -> Nullable<Text>,
        checked_by -> Uuid,
        checked_at -> Timestamptz,
        version -> Int8,
    }
}

diesel::table! {
    departures (placement_id) {
        placement_id -> Uuid,
        departure_date -> Date,
        recorded_by -> Uuid,
        recorded_at -> Timestamptz,
        cohort_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    cohorts (id) {
        id -> Uuid,
        centre_id -> Uuid,
        departure_date -> Date,
        transport -> Text,
        escort -> Nullable<Text>,
        created_by -> Uuid,
        created_at -> Timestamptz,
        confirmed_by -> Nullable<Uuid>,
        confirmed_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    cohort_placements (cohort_id, placement_id) {
        cohort_id -> Uuid,
        placement_id -> Uuid,
        outcome -> Nullable<Text>,
        missing -> Nullable<Jsonb>,
    }
}

diesel::table! {
    readiness_lapse_notices (placement_id, item, lapsed_on) {
        placement_id -> Uuid,
        item -> Text,
        lapsed_on -> Date,
        notified_at -> Timestamptz,
    }
}

// Reviews by placed workers (migration 2026-12-03-000010_reviews).
diesel::table! {
    reviews (id) {
        id -> Uuid,
        placement_id -> Uuid,
        subject -> Text,
        employer_id -> Nullable<Uuid>,
        agency_id -> Nullable<Uuid>,
        stage -> Text,
        truth_of_offer -> Int2,
        contract_kept -> Int2,
        treatment -> Int2,
        fee_asked -> Bool,
        comment -> Text,
        written_by -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(reviews -> placements (placement_id));
diesel::allow_tables_to_appear_in_same_query!(reviews, placements);

diesel::table! {
    quota_caps (id) {
        id -> Uuid,
        year -> Int4,
        region_code -> Text,
        occupation_group -> Text,
        cap -> Int4,
        allocated -> Int4,
        set_by -> Uuid,
        reason -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    quota_applications (id) {
        id -> Uuid,
        employer_id -> Uuid,
        cap_id -> Uuid,
        year -> Int4,
        region_code -> Text,
        occupation_code -> Text,
        workers_requested -> Int4,
        justification -> Text,
        vacancy_id -> Uuid,
        state -> Text,
        workers_granted -> Int4,
        used -> Int4,
        decision_reason -> Nullable<Text>,
        decided_by -> Nullable<Uuid>,
        decided_at -> Nullable<Timestamptz>,
        submitted_at -> Nullable<Timestamptz>,
        created_by -> Uuid,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(quota_applications -> quota_caps (cap_id));
diesel::allow_tables_to_appear_in_same_query!(quota_caps, quota_applications);

// Quota policy the ministry edits (migration 2026-12-03-000015_quota_policy).
diesel::table! {
    quota_exemptions (country) {
        country -> Text,
        reason -> Text,
        legal_source -> Text,
        updated_by -> Nullable<Uuid>,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    closed_occupations (id) {
        id -> Uuid,
        year -> Int4,
        region -> Nullable<Text>,
        occupation -> Text,
        reason -> Text,
        legal_source -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        lifted_at -> Nullable<Timestamptz>,
        lifted_by -> Nullable<Uuid>,
        lift_reason -> Nullable<Text>,
    }
}

// Browser sessions (migration 2026-12-04-000001_web_sessions).
diesel::table! {
    web_sessions (id) {
        id -> Uuid,
        user_id -> Uuid,
        token_hash -> Bytea,
        created_at -> Timestamptz,
        last_seen_at -> Timestamptz,
        expires_at -> Timestamptz,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(web_sessions -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(web_sessions, users);
