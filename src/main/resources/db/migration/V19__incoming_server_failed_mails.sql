-- inbound: the mails of a POP3 mailbox that failed to be processed (kept as failed in the inbound log), by their
-- UIDL: they stay in the mailbox, and a fetch passes them over (POP3 cannot mark a mail, RFC 1939)
CREATE TABLE incoming_server_set_aside (
    server_id        BIGINT NOT NULL REFERENCES incoming_servers (id) ON DELETE CASCADE,
    uidl             VARCHAR(255) NOT NULL,
    inbound_mail_id  BIGINT,
    set_aside_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (server_id, uidl)
);
