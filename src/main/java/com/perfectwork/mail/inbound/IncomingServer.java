package com.perfectwork.mail.inbound;

import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.oauth.OAuthServer;
import java.time.Instant;

/**
 * A mailbox fetched for incoming mail (Settings ‣ Discuss ‣ Incoming Email Servers). Only {@code confirmed}
 * active servers are fetched; Test & Confirm confirms one. The password is never part of this record. It signs in
 * with its password ({@code authentication} "login") or with an OAuth2 access token of its provider's ("oauth2").
 */
public record IncomingServer(
        long id,
        String name,
        String protocol,
        String host,
        int port,
        String security,
        String username,
        boolean hasPassword,
        String folder,
        boolean idle,
        String state,
        boolean active,
        int priority,
        String fallbackModel,
        boolean verifyCertificates,
        Instant lastFetchAt,
        String lastError,
        Instant failingSince,
        Long uidValidity,
        Long lastUid,
        String authentication,
        OAuthProvider oauthProvider) {

    public static final String LOGIN = "login";
    public static final String OAUTH2 = "oauth2";

    public boolean oauth2() {
        return OAUTH2.equals(authentication);
    }

    public OAuthServer oauthServer() {
        return OAuthServer.incoming(id);
    }

    public boolean imap() {
        return "imap".equals(protocol);
    }

    public String label() {
        return name + " (" + protocol + "://" + host + ":" + port + ")";
    }
}
