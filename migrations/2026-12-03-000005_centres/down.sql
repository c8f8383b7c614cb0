DROP TABLE passport_reviews;
DROP TABLE claim_codes;
DROP TABLE session_bookings;
DROP TABLE orientation_sessions;
