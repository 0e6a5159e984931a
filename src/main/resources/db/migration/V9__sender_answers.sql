-- answers to senders (catchall only, refused by an alias's contact policy, a loop): composed whole when
-- queued, kept in the filestore, and sent by the same queue as notifications
ALTER TABLE outgoing_mails ADD COLUMN raw_hash VARCHAR(64);
ALTER TABLE outgoing_mails ADD COLUMN recipient_normalized VARCHAR(320);
CREATE INDEX outgoing_mails_answered_idx ON outgoing_mails (recipient_normalized, created_at);
