package com.perfectwork.mail.inbound;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The mails of POP3 mailboxes that failed to be processed, remembered by their UIDL (RFC 1939 §7, a mail's own
 * across sessions): they stay in the mailbox, which POP3 cannot mark, and every fetch passes them over. IMAP marks
 * such a mail in the mailbox itself ({@link MailboxSession#FAILED}).
 */
@Component
class SetAsideMails {

    private final JdbcClient jdbc;

    SetAsideMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The UIDLs of the server's mails set aside. */
    Set<String> of(long serverId) {
        return new HashSet<>(jdbc.sql("SELECT uidl FROM incoming_server_set_aside WHERE server_id = ?")
                .param(serverId)
                .query(String.class)
                .list());
    }

    /** Remembers a mail that failed; {@code inboundMailId} is its entry in the inbound log. */
    void add(long serverId, String uidl, long inboundMailId, Instant at) {
        jdbc.sql("""
                        INSERT INTO incoming_server_set_aside (server_id, uidl, inbound_mail_id, set_aside_at)
                        VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                .params(serverId, uidl, inboundMailId, at.atOffset(ZoneOffset.UTC))
                .update();
    }

    /** Forgets mails that have left the mailbox (someone took them away), so that the list does not grow. */
    void forget(long serverId, Set<String> uidls) {
        for (String uidl : uidls) {
            jdbc.sql("DELETE FROM incoming_server_set_aside WHERE server_id = ? AND uidl = ?")
                    .params(serverId, uidl)
                    .update();
        }
    }
}
