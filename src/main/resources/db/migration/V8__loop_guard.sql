-- inbound: the normalized sender of each received mail, so the loop guard can count a sender's mails
ALTER TABLE inbound_mails ADD COLUMN sender_normalized VARCHAR(320);
CREATE INDEX inbound_mails_sender_idx ON inbound_mails (sender_normalized, processed_at);
