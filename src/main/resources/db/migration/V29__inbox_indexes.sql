-- discussion: the Starred view, newest first by keyset, as the unread index serves the Unread view (a user's few
-- starred messages are found without reading their whole inbox)
CREATE INDEX inbox_entries_starred_idx ON inbox_entries (partner_id, starred, message_id);

-- directory: the fan-out asks, for each follower, whether they are a user with the inbox preference (and the pages
-- whose user a contact is); PostgreSQL does not index a foreign key by itself (H2 does: IF NOT EXISTS names ours only)
CREATE INDEX IF NOT EXISTS users_partner_id_idx ON users (partner_id);
