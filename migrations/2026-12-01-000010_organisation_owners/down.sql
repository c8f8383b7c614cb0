DROP INDEX memberships_one_centre_owner;
DROP INDEX memberships_one_agency_owner;
DROP INDEX memberships_one_employer_owner;
ALTER TABLE memberships
    DROP CONSTRAINT memberships_owner_is_approved,
    DROP COLUMN is_owner;
