/**
 * OAuth2 sign-in of the mail servers (XOAUTH2), for Gmail and Microsoft 365 as Odoo's Gmail and Outlook settings
 * do: the company's application is registered with Google or Microsoft, its client id and secret are system
 * parameters, and an administrator connects each server's account once.
 *
 * <p>Entry points: {@link com.perfectwork.mail.oauth.OAuthAuthorization} (the authorization-code flow with PKCE: a
 * {@code state} stored for one use, bound to the administrator, and to the browser session when a page started it;
 * the provider's answer at {@code /oauth/callback} is exchanged for the tokens) and
 * {@link com.perfectwork.mail.oauth.AccessTokens} (a current access token for a server: cached with its expiry,
 * refreshed before it expires and when the mail server refused it, by one instance at a time through a lease in the
 * database; a rotated refresh token replaces the old one in the same statement; a refresh refused with
 * {@code invalid_grant} marks the server "reconnect needed"). The providers' endpoints are deployment settings
 * ({@link com.perfectwork.mail.oauth.OAuthSettings}). Publishes {@link com.perfectwork.mail.oauth.OAuthConnected} when
 * a server's account is connected; consumes no events. Knows servers only by their kind and id: {@code outgoing} and
 * {@code inbound} use it, not the other way round.
 */
package com.perfectwork.mail.oauth;
