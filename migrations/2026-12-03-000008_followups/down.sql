DROP TABLE followups;
DROP TABLE hire_notices;
ALTER TABLE placements
    DROP CONSTRAINT placements_termination_only_when_terminated,
    DROP COLUMN termination, DROP COLUMN ended_on, DROP COLUMN employment_start,
    DROP COLUMN arrived_on;
