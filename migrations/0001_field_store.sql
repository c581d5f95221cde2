-- First schema of the field store. Released migrations are never edited: add a new file.

CREATE TABLE profile (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    display_name TEXT NOT NULL,
    agency       TEXT NOT NULL,
    created_at   TEXT NOT NULL
) STRICT;

-- A screening is stored whole, as the JSON of `first_contact_domain::Screening`; the columns
-- beside it serve ordering only. The database file is encrypted, so nothing here is in clear.
CREATE TABLE screenings (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    body       TEXT NOT NULL
) STRICT;

CREATE INDEX screenings_by_update ON screenings (updated_at DESC);
