-- The points of upheld complaints from which the ministry reviews an agency's licence.
ALTER TABLE policies DROP CONSTRAINT policies_key_check;
ALTER TABLE policies ADD CONSTRAINT policies_key_check
    CHECK (key IN ('bad_followups_restrict_at', 'agency_suspension_points_at'));
INSERT INTO policies (key, value, reason)
VALUES ('agency_suspension_points_at', 6,
        'Default: six points of upheld complaints (fee charged, passport retained or violence 3 each; unpaid wages or discrimination 2; other 1) put the licence up for review');
