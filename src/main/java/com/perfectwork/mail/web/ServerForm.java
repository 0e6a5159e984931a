package com.perfectwork.mail.web;

import com.perfectwork.mail.oauth.OAuthProvider;
import com.perfectwork.mail.outgoing.Authentication;
import com.perfectwork.mail.outgoing.Encryption;
import com.perfectwork.mail.outgoing.MailServer;
import com.perfectwork.mail.outgoing.MailServerDraft;
import com.perfectwork.mail.outgoing.MailServers;
import java.util.Locale;

/**
 * The outgoing server form as the browser sends it: text, so that "abc" in the port is refused next to the
 * field like any other wrong value. An unticked box sends nothing (null). The password is never sent back to
 * the browser; left blank it keeps the stored one.
 */
record ServerForm(
        String name,
        String host,
        String port,
        String encryption,
        String authentication,
        String username,
        String password,
        String fromFilter,
        String priority,
        Boolean active,
        String ratePerMinute,
        String oauthProvider) {

    /** A new server as the form proposes it: STARTTLS on 587, priority 10, active. */
    static ServerForm blank() {
        return new ServerForm(
                "",
                "",
                Integer.toString(MailServers.defaultPort(Encryption.STARTTLS)),
                "starttls",
                "login",
                "",
                "",
                "",
                "10",
                true,
                "",
                "google");
    }

    static ServerForm of(MailServer server) {
        return new ServerForm(
                server.name(),
                server.host(),
                Integer.toString(server.port()),
                lower(server.encryption()),
                lower(server.authentication()),
                server.username() == null ? "" : server.username(),
                "",
                server.fromFilter().isEmpty() ? "" : server.fromFilter().toString(),
                Integer.toString(server.priority()),
                server.active(),
                server.ratePerMinute() == null ? "" : Integer.toString(server.ratePerMinute()),
                server.oauthProvider() == null
                        ? "google"
                        : server.oauthProvider().code());
    }

    /** The draft for {@link MailServers}; a wrong number or choice is refused by its {@link FormField}. */
    MailServerDraft draft() {
        return new MailServerDraft(
                name,
                host,
                new FormField("port", port).wholeNumber(),
                new FormField("encryption", encryption).choice(Encryption.class),
                new FormField("authentication", authentication).choice(Authentication.class),
                username == null ? "" : username,
                password == null || password.isEmpty() ? null : password,
                fromFilter == null ? "" : fromFilter,
                new FormField("priority", priority).wholeNumber(),
                Boolean.TRUE.equals(active),
                null,
                ratePerMinute == null || ratePerMinute.isBlank()
                        ? Integer.valueOf(0)
                        : new FormField("ratePerMinute", ratePerMinute).wholeNumber(),
                OAuthProvider.parse(oauthProvider, "oauthProvider"));
    }

    /** The same values without the password, to show the form again after a refusal. */
    ServerForm withoutPassword() {
        return new ServerForm(
                name,
                host,
                port,
                encryption,
                authentication,
                username,
                "",
                fromFilter,
                priority,
                active,
                ratePerMinute,
                oauthProvider);
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
