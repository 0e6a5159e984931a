-- discussion: a message's parent is the first message of its thread, so that mail clients thread the
-- notifications of one record as one conversation (In-Reply-To / References)
ALTER TABLE messages ADD COLUMN parent_id BIGINT;
