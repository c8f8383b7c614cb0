DROP TABLE closed_occupations;
DROP TABLE quota_exemptions;
