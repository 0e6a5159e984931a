-- directory: each user chooses how they are notified, by email (the default: nothing changes for existing users) or
-- in the product's inbox
ALTER TABLE users ADD COLUMN notification_preference VARCHAR(8) DEFAULT 'email' NOT NULL;

-- discussion: every notification says which channel it took; an inbox one is delivered when it is stored (status
-- 'sent'), so the outgoing queue, which mails only 'ready' ones, never sees it
ALTER TABLE notifications ADD COLUMN channel VARCHAR(8) DEFAULT 'email' NOT NULL;

-- The inbox's own state (read, starred) is a table of its own rather than columns of notifications: most
-- notifications are mails, rewritten by the queue as they are sent, and would carry flags and indexes they never use;
-- H2 has no partial index, so an index on notifications would cover every mail too. One row per recipient and
-- message (a message notifies a partner once); the primary key lists an inbox newest first and finds one message in
-- it, the second index lists and counts the unread ones, both by keyset whatever the inbox's size.
CREATE TABLE inbox_entries (
    partner_id BIGINT NOT NULL,
    message_id BIGINT NOT NULL REFERENCES messages (id),
    is_read    BOOLEAN DEFAULT FALSE NOT NULL,
    starred    BOOLEAN DEFAULT FALSE NOT NULL,
    PRIMARY KEY (partner_id, message_id)
);
CREATE INDEX inbox_entries_unread_idx ON inbox_entries (partner_id, is_read, message_id);
