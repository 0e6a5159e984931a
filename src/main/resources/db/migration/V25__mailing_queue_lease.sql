-- mailing: the queueing of a mailing is held by a lease, extended with each page of recipients written, and records
-- the position its last committed page reached, so that another instance resumes it there when its instance stops.
ALTER TABLE mailings ADD COLUMN queued_by VARCHAR(128);
ALTER TABLE mailings ADD COLUMN queue_lease_until TIMESTAMP WITH TIME ZONE;
-- SUBSCRIBED or OPTED_OUT (a contact id), FOLLOWERS (a record id and a partner id), null before the first page
ALTER TABLE mailings ADD COLUMN queue_phase VARCHAR(16);
ALTER TABLE mailings ADD COLUMN queue_after_id BIGINT NOT NULL DEFAULT 0;
ALTER TABLE mailings ADD COLUMN queue_after_partner BIGINT NOT NULL DEFAULT 0;

-- the normalized address of every trace but a duplicate's: one per mailing and address, so that no page written
-- twice (two instances racing after a lapse) can trace or queue a recipient twice
ALTER TABLE mailing_traces ADD COLUMN unique_email VARCHAR(320);
UPDATE mailing_traces SET unique_email = email_normalized WHERE exclusion IS NULL OR exclusion <> 'duplicate';
CREATE UNIQUE INDEX mailing_traces_unique_email_idx ON mailing_traces (mailing_id, unique_email);
