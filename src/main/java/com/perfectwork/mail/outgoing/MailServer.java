package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.FromFilter;
import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import java.time.Instant;

/**
 * An outgoing (SMTP) server. {@code id} is null for the server configured by
 * {@code perfectwork.mail.smtp.*}, used only while no server record exists. The password is never part
 * of this record: {@link MailServers} decrypts it only to connect. {@code ratePerMinute}: at most this many mails a
 * minute go through the server, across instances (null: no limit). {@code oauthProvider}: whose account an
 * {@link Authentication#OAUTH2} server signs in with (null otherwise).
 */
public record MailServer(
        Long id,
        String name,
        String host,
        int port,
        Encryption encryption,
        Authentication authentication,
        String username,
        boolean hasPassword,
        FromFilter fromFilter,
        int priority,
        boolean active,
        boolean verifyCertificates,
        Instant createdAt,
        Integer ratePerMinute,
        OAuthProvider oauthProvider) {

    public boolean oauth2() {
        return authentication == Authentication.OAUTH2;
    }

    /** The server as the OAuth2 module knows it; only for a server record. */
    public OAuthServer oauthServer() {
        return OAuthServer.outgoing(id);
    }

    public boolean configured() {
        return id == null;
    }

    /** For logs and the queue: the name and where it points, never a credential. */
    public String label() {
        return (name == null ? "default server" : name) + " (" + host + ":" + port + ")";
    }
}
