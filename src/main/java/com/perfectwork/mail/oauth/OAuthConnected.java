package com.perfectwork.mail.oauth;

/** A server's account was connected (or connected again) by an administrator: what waited for it may go. */
public record OAuthConnected(OAuthServer server) {}
