-- outgoing: the queue's due mails in the order they are claimed (transactional first, oldest first), so that a
-- claim reads the first rows of the index and stops, instead of sorting every waiting mail; and so that the rows
-- already sent are skipped once seen (an ordered index scan marks their dead entries, a bitmap scan never does)
CREATE INDEX outgoing_mails_claim_idx ON outgoing_mails (state, mass_mailing, scheduled_at, id);
DROP INDEX outgoing_mails_due_idx;
