DROP INDEX IF EXISTS search_changes_txid_idx;
ALTER TABLE search_changes DROP COLUMN IF EXISTS txid;
