-- Each employer, agency and centre has one owner account: it invites staff, approves pending
-- memberships and removes members of its own organisation. Only an approved member can own.
ALTER TABLE memberships
    ADD COLUMN is_owner boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT memberships_owner_is_approved CHECK (NOT is_owner OR approved_at IS NOT NULL);
CREATE UNIQUE INDEX memberships_one_employer_owner ON memberships (employer_id) WHERE is_owner;
CREATE UNIQUE INDEX memberships_one_agency_owner ON memberships (agency_id) WHERE is_owner;
CREATE UNIQUE INDEX memberships_one_centre_owner ON memberships (centre_id) WHERE is_owner;
