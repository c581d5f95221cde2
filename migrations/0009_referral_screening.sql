-- Which screening a finalised referral was started from, so that a second referral of the same
-- screening says the first one's reference (the screening itself is deleted at finalisation).
-- A random id inside the encrypted store: it names nobody. Rows from before stay unknown (NULL).
-- Released migrations are never edited: add a new file.
ALTER TABLE referral_status ADD COLUMN screening_id TEXT;

CREATE INDEX referral_status_by_screening ON referral_status (screening_id)
    WHERE screening_id IS NOT NULL;
