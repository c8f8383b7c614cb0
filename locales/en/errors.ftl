# Titles and details of the API's problem+json answers (src/error.rs): `error-<code>`.
# Ids are the old keys with dots turned into hyphens (see `crate::i18n::fluent_id`).
# Variables: $correlation_id (error-internal_detail).

error-account_disabled = This account has been disabled.
error-already_open = This candidate already has an open placement for this vacancy.
error-already_reviewed = You have already reviewed them at this stage of the placement.
error-cap_exceeded = That is more than is left of the quota cap.
error-conflict = The request conflicts with the current state of the resource.
error-consent_required = The candidate's consent is required for this action.
error-email_taken = An account with this email address already exists.
error-employer_restricted = The ministry has restricted this employer: no new placements are approved until it lifts the restriction.
error-forbidden = You do not have permission to perform this action.
error-internal = Internal server error.
error-internal_detail = An internal error occurred. If you contact support, please quote this correlation ID: { $correlation_id }.
error-invalid_claim_code = This claim code is not valid: it may be mistyped, expired or already used. Ask the centre for a new one.
error-invalid_credentials = Wrong email or password.
error-invalid_path = The path parameters are invalid.
error-invalid_query = The query parameters are invalid.
error-invalid_token = The token is invalid.
error-invalid_transition = This status change is not allowed.
error-invalid_verification_code = This is not a valid verification code: it was probably mistyped. Compare it with the document character by character.
error-labour_market_test_failed = The job must first be offered locally: a vacancy published long enough without enough hires.
error-licence_not_active = The agency's licence is not active, so this action is not available.
error-malformed_body = The request body is not valid JSON of the expected shape.
error-method_not_allowed = This HTTP method is not allowed for this resource.
error-no_positions_left = All positions of this vacancy are taken.
error-no_quota_cap = The ministry has set no quota cap for this year, region and occupation.
error-not_found = The requested resource was not found.
error-not_ready = Not ready to depart: some readiness items are missing or not valid on the departure date.
error-occupation_closed = This occupation is closed to foreign workers in this region and year.
error-payload_too_large = The request body is too large.
error-quota_exhausted = The employer has no approved quota left for this region, occupation and year.
error-rate_limited = Too many requests. Please try again later.
error-refresh_token_reused = A refresh token was used twice. For your security, all sessions of this login have been revoked. Please sign in again.
error-region_not_licensed = The agency's licence does not cover this region.
error-review_not_allowed = A review is written once employed, and again once the employment has ended.
error-service_unavailable = The service is temporarily unavailable. Please try again later.
error-session_full = This session is full: every seat is booked. Choose another session.
error-session_not_started = Attendance can be recorded only once the session has started.
error-session_started = This session has already started, so its bookings can no longer be changed.
error-token_expired = The token has expired. Please sign in again.
error-unauthenticated = Authentication required. Please sign in.
error-unsupported_media_type = The content type of the request is not supported.
error-validation_failed = The request has invalid fields.
error-worker_fee_forbidden = The worker may not be charged any fee for being placed: the employer pays (ILO Convention 181, art. 7).
