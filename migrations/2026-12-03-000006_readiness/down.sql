DROP TABLE departures;
DROP TABLE cohort_placements;
DROP TABLE cohorts;
DROP TABLE readiness_items;
-- orientation_sessions and session_bookings belong to 2026-12-03-000005_centres.
