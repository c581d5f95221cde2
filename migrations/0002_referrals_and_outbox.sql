-- Referrals: drafts while the worker writes, then a sealed envelope in the outbox and a
-- status record that names nobody. Released migrations are never edited: add a new file.

-- A draft is stored whole, as the JSON of `first_contact_domain::referral::Referral`.
CREATE TABLE referral_drafts (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL
) STRICT;

CREATE INDEX referral_drafts_by_update ON referral_drafts (updated_at DESC);

-- What stays readable on the laptop after finalising: no name, no narrative, no answer.
CREATE TABLE referral_status (
    id                TEXT PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    kind              TEXT NOT NULL,
    finalised_at      TEXT NOT NULL,
    urgency           TEXT NOT NULL,
    path              TEXT NOT NULL,
    catalogue_version TEXT NOT NULL,
    state             TEXT NOT NULL
) STRICT;

-- Sealed envelopes waiting for the Center's receipt, in the order they were finalised. The
-- bytes are frozen at finalisation and sent unchanged on every attempt.
CREATE TABLE outbox (
    position          INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE REFERENCES referral_status (id),
    kind              TEXT NOT NULL,
    payload_format    INTEGER NOT NULL,
    catalogue_version TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    envelope          BLOB NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    last_attempt_at   TEXT,
    last_error        TEXT
) STRICT;
