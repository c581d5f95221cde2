-- What the screenings list shows and searches, one small row per screening, so that a list or a
-- search reads these instead of reading, decrypting and parsing every body. Written in the same
-- transaction as the body; removed with it. The whole file is encrypted, so these leak nothing.
-- Rows of screenings saved before this migration are filled in by the app when it opens the
-- store (search_text is lowercased by Rust, which SQL's ASCII-only lower() cannot match).
CREATE TABLE screening_summaries (
    id             TEXT PRIMARY KEY REFERENCES screenings (id) ON DELETE CASCADE,
    updated_at     TEXT NOT NULL,
    alias          TEXT NOT NULL,
    place          TEXT NOT NULL,
    contact_date   TEXT NOT NULL,
    indicator_set  TEXT NOT NULL,
    observed_count INTEGER NOT NULL,
    date_of_birth  TEXT NOT NULL,
    estimated_age  INTEGER,
    age_uncertain  INTEGER NOT NULL,
    search_text    TEXT NOT NULL
) STRICT;

CREATE INDEX screening_summaries_by_update ON screening_summaries (updated_at DESC, id DESC);
