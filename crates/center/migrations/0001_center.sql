-- The reference Center's database. Released migrations are never edited: add a new file.

-- One-time enrollment codes; only a hash of the code is kept.
CREATE TABLE enrollment_codes (
    code_id         TEXT PRIMARY KEY,
    digest          TEXT NOT NULL,
    agency          TEXT NOT NULL,
    officer         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    used_at         TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    device_id       TEXT
) STRICT;

-- Enrolled devices; only a hash of each credential is kept.
CREATE TABLE devices (
    id                TEXT PRIMARY KEY,
    credential_digest TEXT NOT NULL,
    name              TEXT NOT NULL,
    agency            TEXT NOT NULL,
    officer           TEXT NOT NULL,
    enrolled_at       TEXT NOT NULL,
    revoked_at        TEXT,
    last_seen_at      TEXT
) STRICT;

-- Sealed envelopes exactly as received (referrals and reconsideration requests), with their
-- hash, the device that sent them and the signed receipt given back, which a repeat delivery
-- gets again byte for byte. `envelope` is emptied after the retention period; the hash stays.
CREATE TABLE envelopes (
    number            INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    regarding         TEXT REFERENCES envelopes (id),
    device_id         TEXT NOT NULL REFERENCES devices (id),
    center_reference  TEXT NOT NULL UNIQUE,
    payload_format    INTEGER NOT NULL,
    catalogue_version TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    received_at       TEXT NOT NULL,
    sha256            TEXT NOT NULL,
    size              INTEGER NOT NULL,
    envelope          BLOB,
    receipt           TEXT NOT NULL,
    purged_at         TEXT
) STRICT;

CREATE INDEX envelopes_by_kind ON envelopes (kind, number);

-- Decisions, in the order they were taken: the sequence is the devices' feed cursor.
CREATE TABLE decisions (
    sequence         INTEGER PRIMARY KEY AUTOINCREMENT,
    id               TEXT NOT NULL UNIQUE,
    referral_id      TEXT NOT NULL REFERENCES envelopes (id),
    device_id        TEXT NOT NULL REFERENCES devices (id),
    outcome          TEXT NOT NULL,
    reasons          TEXT NOT NULL,
    criteria_version TEXT NOT NULL,
    decided_at       TEXT NOT NULL,
    answers          TEXT REFERENCES envelopes (id),
    signed           TEXT NOT NULL
) STRICT;

CREATE INDEX decisions_by_device ON decisions (device_id, sequence);
CREATE INDEX decisions_by_referral ON decisions (referral_id, sequence);

-- Signed catalogue and directory versions; the newest of each kind is served.
CREATE TABLE publications (
    number       INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT NOT NULL,
    version      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    signed       TEXT NOT NULL,
    UNIQUE (kind, version)
) STRICT;
