-- discussion: the contacts a received mail was addressed to (its To and Cc outside the alias domain)
CREATE TABLE message_recipients (
    message_id BIGINT NOT NULL REFERENCES messages (id),
    partner_id BIGINT NOT NULL,
    PRIMARY KEY (message_id, partner_id)
);
