package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.oauth.OAuthProvider;

/**
 * A server as an administrator fills it in. On update a null field keeps the stored value; the password
 * null keeps the stored one and an empty password removes it; a rate per minute of 0 removes the limit. The OAuth2
 * provider is kept only with the OAuth2 authentication.
 */
public record MailServerDraft(
        String name,
        String host,
        Integer port,
        Encryption encryption,
        Authentication authentication,
        String username,
        String password,
        String fromFilter,
        Integer priority,
        Boolean active,
        Boolean verifyCertificates,
        Integer ratePerMinute,
        OAuthProvider oauthProvider) {}
