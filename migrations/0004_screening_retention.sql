-- How long a screening that was never referred stays on the laptop (data minimisation). A
-- referred screening goes when its referral is finalised; this bounds the others.
ALTER TABLE profile ADD COLUMN screening_retention_days INTEGER NOT NULL DEFAULT 30
    CHECK (screening_retention_days BETWEEN 1 AND 365);
