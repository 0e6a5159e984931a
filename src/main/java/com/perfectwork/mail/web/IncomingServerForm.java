package com.perfectwork.mail.web;

import com.perfectwork.mail.inbound.IncomingServer;
import com.perfectwork.mail.inbound.IncomingServerDraft;
import com.perfectwork.mail.inbound.IncomingServers;
import com.perfectwork.mail.oauth.OAuthProvider;
import java.util.List;

/**
 * The incoming server form as the browser sends it: text, so that a wrong number is refused next to its field.
 * An unticked box sends nothing (null). The password is never sent back; left blank it keeps the stored one. An
 * empty port takes the default of the type and security, as {@link IncomingServers} proposes it.
 */
record IncomingServerForm(
        String name,
        String protocol,
        String host,
        String port,
        String security,
        String username,
        String password,
        String folder,
        Boolean idle,
        String fallbackModel,
        String priority,
        Boolean active,
        String authentication,
        String oauthProvider) {

    /** A new server as the form proposes it: IMAP over SSL on 993, the INBOX, priority 5, active. */
    static IncomingServerForm blank() {
        return new IncomingServerForm(
                "",
                "imap",
                "",
                Integer.toString(IncomingServers.defaultPort("imap", "ssl")),
                "ssl",
                "",
                "",
                "INBOX",
                false,
                "",
                "5",
                true,
                IncomingServer.LOGIN,
                "google");
    }

    static IncomingServerForm of(IncomingServer server) {
        return new IncomingServerForm(
                server.name(),
                server.protocol(),
                server.host(),
                Integer.toString(server.port()),
                server.security(),
                server.username() == null ? "" : server.username(),
                "",
                server.folder(),
                server.idle(),
                server.fallbackModel() == null ? "" : server.fallbackModel(),
                Integer.toString(server.priority()),
                server.active(),
                server.authentication(),
                server.oauthProvider() == null
                        ? "google"
                        : server.oauthProvider().code());
    }

    /** The draft for {@link IncomingServers}; a wrong number is refused as the module refuses a value. */
    IncomingServerDraft draft() {
        return new IncomingServerDraft(
                text(name),
                text(protocol),
                text(host),
                new FormField("port", port).blank() ? null : new FormField("port", port).wholeNumber(),
                text(security),
                text(username),
                password == null || password.isEmpty() ? null : password,
                text(folder),
                Boolean.TRUE.equals(idle),
                Boolean.TRUE.equals(active),
                new FormField("priority", priority).wholeNumber(),
                text(fallbackModel),
                null,
                authentication == null || authentication.isBlank() ? IncomingServer.LOGIN : authentication,
                OAuthProvider.parse(oauthProvider, "oauthProvider"));
    }

    /**
     * The form after the type or the security changed: a port that is one of the proposed defaults (or empty)
     * becomes the default of the new choice; a port the administrator typed stays.
     */
    IncomingServerForm withProposedPort() {
        List<String> defaults = List.of("143", "993", "110", "995");
        if (!new FormField("port", port).blank() && !defaults.contains(port.strip())) {
            return this;
        }
        return with(Integer.toString(IncomingServers.defaultPort(protocol, security)));
    }

    /** The same values without the password, to show the form again after a refusal. */
    IncomingServerForm withoutPassword() {
        return with(port);
    }

    /** The same values with this port, without the password. */
    private IncomingServerForm with(String newPort) {
        return new IncomingServerForm(
                name,
                protocol,
                host,
                newPort,
                security,
                username,
                "",
                folder,
                idle,
                fallbackModel,
                priority,
                active,
                authentication,
                oauthProvider);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
