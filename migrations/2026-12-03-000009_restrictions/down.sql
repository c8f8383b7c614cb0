DROP TABLE employer_restrictions;
DROP TABLE policies;
