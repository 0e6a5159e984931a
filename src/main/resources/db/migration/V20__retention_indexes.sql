-- retention: the garbage collection asks each module which of a batch of stored files its rows still refer to, and
-- deletes bounces past their days in batches; the columns it looks them up by are indexed
CREATE INDEX attachments_content_hash_idx ON attachments (content_hash);
CREATE INDEX inbound_mails_content_hash_idx ON inbound_mails (content_hash);
CREATE INDEX outgoing_mails_raw_hash_idx ON outgoing_mails (raw_hash);
CREATE INDEX bounces_received_idx ON bounces (received_at);
