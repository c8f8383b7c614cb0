-- The transaction that wrote each change. The index applies changes by transaction watermark
-- (pg_snapshot_xmin), so a long transaction holding a lower sequence id is never skipped.
ALTER TABLE search_changes
    ADD COLUMN txid bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX search_changes_txid_idx ON search_changes (txid);
