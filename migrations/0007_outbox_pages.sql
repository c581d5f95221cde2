-- The outbox page reads a page of one kind of status record, newest first, then the requests
-- about those referrals: both by index, so a page costs the same at any size of outbox.
CREATE INDEX referral_status_by_kind ON referral_status (kind, finalised_at DESC, id DESC);
CREATE INDEX referral_status_by_regarding ON referral_status (regarding);
