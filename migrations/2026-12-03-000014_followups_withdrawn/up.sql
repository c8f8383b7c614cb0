-- After an early end, the scheduled follow-ups due later are no longer asked (the follow-up after
-- termination covers the end): they are withdrawn, never go overdue and count in no record.
ALTER TABLE followups
    ADD COLUMN withdrawn_on date,
    ADD CONSTRAINT followups_withdrawn_unanswered
        CHECK (withdrawn_on IS NULL OR (answered_at IS NULL AND flagged_at IS NULL));
DROP INDEX followups_due_idx;
CREATE INDEX followups_due_idx ON followups (due_on) WHERE answered_at IS NULL AND withdrawn_on IS NULL;
