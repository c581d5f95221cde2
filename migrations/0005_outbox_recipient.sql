-- The key each queued envelope was sealed to, so that nothing is sent to a Center that could not
-- open it. Rows queued before this existed have '' and are sent as before (they were sealed to
-- the key in use when they were queued).
ALTER TABLE outbox ADD COLUMN recipient TEXT NOT NULL DEFAULT '';
