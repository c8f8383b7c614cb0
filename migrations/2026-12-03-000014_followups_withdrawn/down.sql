DROP INDEX followups_due_idx;
CREATE INDEX followups_due_idx ON followups (due_on) WHERE answered_at IS NULL;
ALTER TABLE followups DROP CONSTRAINT followups_withdrawn_unanswered, DROP COLUMN withdrawn_on;
