DROP TABLE contract_signatures;
DROP TABLE contracts;
DROP FUNCTION contracts_are_append_only();
ALTER TABLE vacancies DROP CONSTRAINT vacancies_positions_filled, DROP COLUMN positions_filled;
