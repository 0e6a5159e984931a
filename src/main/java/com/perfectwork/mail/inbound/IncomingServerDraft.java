package com.perfectwork.mail.inbound;

import com.perfectwork.mail.oauth.OAuthProvider;

/** An incoming server as an administrator fills it in; on update a null field keeps the stored value. */
public record IncomingServerDraft(
        String name,
        String protocol,
        String host,
        Integer port,
        String security,
        String username,
        String password,
        String folder,
        Boolean idle,
        Boolean active,
        Integer priority,
        String fallbackModel,
        Boolean verifyCertificates,
        String authentication,
        OAuthProvider oauthProvider) {}
