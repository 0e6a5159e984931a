/**
 * Partners (contacts), users and their API keys.
 *
 * <p>Entry points: {@link com.perfectwork.mail.directory.Partners} (find-or-create by normalized email),
 * {@link com.perfectwork.mail.directory.UserAccounts} (users, roles, credentials for authentication),
 * {@link com.perfectwork.mail.directory.ApiKeys} (keys shown once, stored as SHA-256 hashes, each with its
 * {@link com.perfectwork.mail.directory.ApiKeyScope scopes}), {@link com.perfectwork.mail.directory.LoginThrottle}
 * (failed logins counted per login and address, so that guessing is refused before a password is checked).
 * At start-up {@code AdminBootstrap} creates the first administrator. Publishes and consumes no events.
 */
package com.perfectwork.mail.directory;
