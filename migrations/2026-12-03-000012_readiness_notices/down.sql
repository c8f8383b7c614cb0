DROP TABLE readiness_lapse_notices;
