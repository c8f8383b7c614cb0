DROP TABLE IF EXISTS search_changes, jobs;
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
DROP TRIGGER IF EXISTS audit_log_no_update_delete ON audit_log;
DROP TABLE IF EXISTS audit_log;
DROP FUNCTION IF EXISTS audit_log_is_append_only();
DROP TABLE IF EXISTS vacancies, consents, candidate_profiles, memberships, centres, agencies, employers,
    email_tokens, refresh_tokens, users, occupations, regions, countries;
