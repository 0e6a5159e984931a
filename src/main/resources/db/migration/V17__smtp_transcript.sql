-- The SMTP conversation of a mail's last attempt when it did not deliver the mail (commands and answers,
-- credentials hidden, never the message), bounded by the server to 8 000 characters.
ALTER TABLE outgoing_mails ADD COLUMN smtp_transcript VARCHAR(8100);
