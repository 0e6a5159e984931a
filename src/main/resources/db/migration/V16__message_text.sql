-- discussion: a received mail's own text (its text part, else its HTML's text), for the relay's text part
ALTER TABLE messages ADD COLUMN body_text TEXT;
