-- Delivery to the Center and what comes back. Released migrations are never edited: add a new
-- file.

-- This device's enrollment: its credential and what it pinned. At most one row.
CREATE TABLE center_enrollment (
    singleton      INTEGER PRIMARY KEY CHECK (singleton = 1),
    center_address TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    credential     TEXT NOT NULL,
    ca_pem         TEXT NOT NULL,
    center_name    TEXT NOT NULL,
    recipient      TEXT NOT NULL,
    signing_key    TEXT NOT NULL,
    agency         TEXT NOT NULL,
    officer        TEXT NOT NULL,
    enrolled_at    TEXT NOT NULL,
    -- Set when the Center refused the credential (revoked): enroll again.
    refused_at     TEXT
) STRICT;

-- A reconsideration request names the referral it is about; a delivered item gets the
-- Center's reference.
ALTER TABLE referral_status ADD COLUMN regarding TEXT;
ALTER TABLE referral_status ADD COLUMN center_reference TEXT;
ALTER TABLE referral_status ADD COLUMN delivered_at TEXT;
ALTER TABLE referral_status ADD COLUMN attention TEXT;

ALTER TABLE outbox ADD COLUMN regarding TEXT;
-- Set when the Center refused the item (a conflict, say): kept, but no longer sent.
ALTER TABLE outbox ADD COLUMN set_aside_code TEXT;
-- Set once the receipt is stored, when the sealed bytes are kept for a retention period.
ALTER TABLE outbox ADD COLUMN delivered_at TEXT;

-- The Center's signed receipts, as received.
CREATE TABLE receipts (
    id               TEXT PRIMARY KEY REFERENCES referral_status (id),
    center_reference TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    signed           TEXT NOT NULL,
    stored_at        TEXT NOT NULL
) STRICT;

-- The Center's signed decisions on this device's referrals.
CREATE TABLE decisions (
    decision_id      TEXT PRIMARY KEY,
    sequence         INTEGER NOT NULL,
    referral_id      TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    reasons          TEXT NOT NULL,
    criteria_version TEXT NOT NULL,
    decided_at       TEXT NOT NULL,
    answers          TEXT,
    signed           TEXT NOT NULL
) STRICT;

CREATE INDEX decisions_by_referral ON decisions (referral_id, sequence);

CREATE TABLE decision_cursor (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    after     INTEGER NOT NULL
) STRICT;

-- The newest verified catalogue and directory from the Center, as signed.
CREATE TABLE publications (
    kind         TEXT PRIMARY KEY,
    version      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    signed       TEXT NOT NULL,
    received_at  TEXT NOT NULL
) STRICT;
