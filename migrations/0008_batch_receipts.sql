-- Batch receipts (docs/protocol.md, "The batch receipt"): the binary delivery route answers a
-- whole batch with one document signed by the Center. It is stored once, as received, and
-- each item's receipt row refers to it, so every receipt stays provable: verify the batch
-- receipt's signature, then find the item in it.
CREATE TABLE batch_receipts (
    id        INTEGER PRIMARY KEY,
    signed    TEXT NOT NULL,
    stored_at TEXT NOT NULL
) STRICT;

-- A receipt row now has either its own signed receipt (the JSON route, rows from before) or a
-- batch receipt, never both and never neither. SQLite cannot relax NOT NULL in place, so the
-- table is rebuilt; nothing refers to it.
CREATE TABLE receipts_new (
    id               TEXT PRIMARY KEY REFERENCES referral_status (id),
    center_reference TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    signed           TEXT,
    batch_receipt    INTEGER REFERENCES batch_receipts (id),
    stored_at        TEXT NOT NULL,
    CHECK ((signed IS NULL) <> (batch_receipt IS NULL))
) STRICT;
INSERT INTO receipts_new (id, center_reference, received_at, sha256, signed, stored_at)
    SELECT id, center_reference, received_at, sha256, signed, stored_at FROM receipts;
DROP TABLE receipts;
ALTER TABLE receipts_new RENAME TO receipts;
CREATE INDEX receipts_by_batch ON receipts (batch_receipt);
