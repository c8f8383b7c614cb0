DELETE FROM policies WHERE key = 'agency_suspension_points_at';
ALTER TABLE policies DROP CONSTRAINT policies_key_check;
ALTER TABLE policies ADD CONSTRAINT policies_key_check CHECK (key IN ('bad_followups_restrict_at'));
