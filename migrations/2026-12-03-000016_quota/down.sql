ALTER TABLE placements DROP COLUMN quota_application_id;
DROP TABLE quota_applications;
DROP TABLE quota_caps;
