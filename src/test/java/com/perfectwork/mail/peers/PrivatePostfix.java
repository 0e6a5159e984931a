package com.perfectwork.mail.peers;

import com.perfectwork.mail.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Postfix of its own in a temporary directory ({@code postfix -c dir start}): smtpd on 127.0.0.1 and a free
 * port with STARTTLS (a self-signed certificate) and SASL AUTH only over TLS, checked by a Dovecot auth service of
 * its own (the way Postfix is usually set up for submission), Maildir delivery for the virtual domain
 * {@code followers.example}, its log in a file.
 */
public final class PrivatePostfix implements AutoCloseable {

    public static final String FOLLOWERS_DOMAIN = "followers.example";
    public static final String USER = "perfectwork@mx.test";
    public static final String PASSWORD = "postfix-peer-secret";

    private final Path root;
    private final Path config;
    private final int port = ServerProcess.freePort();
    private final int authPort = ServerProcess.freePort();

    /** Null: SASL checks the users file's password; else the OAuth2 tokens, against this introspection endpoint. */
    private final String introspectionUrl;

    private PrivatePostfix(Path root, String introspectionUrl) {
        this.root = root;
        this.config = root.resolve("conf");
        this.introspectionUrl = introspectionUrl;
    }

    /**
     * Starts Postfix whose submission takes only OAuth2 (XOAUTH2, OAUTHBEARER), each token checked by its Dovecot auth
     * against the introspection endpoint, with a Maildir for each of these local parts at {@link #FOLLOWERS_DOMAIN}.
     */
    public static PrivatePostfix checkingTokens(Path root, List<String> mailboxes, String introspectionUrl)
            throws IOException, InterruptedException {
        PrivatePostfix postfix = new PrivatePostfix(root, introspectionUrl);
        postfix.configure(mailboxes);
        postfix.run("dovecot", "-c", postfix.root.resolve("dovecot.conf").toString());
        postfix.run("postfix", "-c", postfix.config.toString(), "start");
        return postfix;
    }

    /** Starts Postfix with a Maildir for each of these local parts at {@link #FOLLOWERS_DOMAIN}. */
    public static PrivatePostfix start(Path root, List<String> mailboxes) throws IOException, InterruptedException {
        return start(root, mailboxes, null, 0);
    }

    /**
     * As above, and mail for {@code relayDomain} (if not null) relayed to an SMTP server at 127.0.0.1 and
     * {@code relayPort}: the {@code relay_domains} + {@code transport_maps} entry the README proposes.
     */
    public static PrivatePostfix start(Path root, List<String> mailboxes, String relayDomain, int relayPort)
            throws IOException, InterruptedException {
        PrivatePostfix postfix = new PrivatePostfix(root, null);
        postfix.configure(mailboxes);
        if (relayDomain != null) {
            postfix.run(
                    "postconf",
                    "-c",
                    postfix.config.toString(),
                    "-e",
                    "relay_domains = " + relayDomain,
                    "transport_maps = inline:{" + relayDomain + "=smtp:[127.0.0.1]:" + relayPort + "}");
        }
        postfix.run("dovecot", "-c", postfix.root.resolve("dovecot.conf").toString());
        postfix.run("postfix", "-c", postfix.config.toString(), "start");
        return postfix;
    }

    public int port() {
        return port;
    }

    public Path maildir(String localPart) {
        return root.resolve("mail").resolve(localPart).resolve("new");
    }

    /** The delivered mails of a mailbox, read whole. */
    public List<String> mails(String localPart) {
        Path dir = maildir(localPart);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(PrivatePostfix::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logText() {
        Path log = root.resolve("postfix.log");
        return Files.exists(log) ? read(log) : "";
    }

    private void configure(List<String> mailboxes) throws IOException, InterruptedException {
        Files.createDirectories(config);
        for (String dir : List.of("queue", "data", "mail", "dovecot/run", "dovecot/state")) {
            Files.createDirectories(root.resolve(dir));
        }
        // the delivery agent (the postfix user) and Dovecot's auth process (the dovecot user) must reach files
        // here, and a test's temporary directories are closed to others (0700): they are opened up to here,
        // below the system's temporary directory only
        DaemonFiles.openToDaemons(root);
        DaemonFiles.selfSignedCertificate(root.resolve("key.pem"), root.resolve("cert.pem"), "/CN=mx.test");
        configureDovecotAuth();
        // master and the delivery agents run as the mail owner: they write the lock, the data and the Maildirs
        run(
                "chown",
                "postfix",
                root.resolve("data").toString(),
                root.resolve("mail").toString());
        int uid = Integer.parseInt(output("id", "-u", "postfix"));
        int gid = Integer.parseInt(output("id", "-g", "postfix"));
        Files.writeString(
                config.resolve("main.cf"),
                String.join(
                        "\n",
                        "compatibility_level = 3.6",
                        "queue_directory = " + root.resolve("queue"),
                        "data_directory = " + root.resolve("data"),
                        "mail_owner = postfix",
                        "setgid_group = postdrop",
                        "inet_interfaces = 127.0.0.1",
                        "inet_protocols = ipv4",
                        "myhostname = mx.test",
                        "mydestination =",
                        "mynetworks = 127.0.0.0/8",
                        "virtual_mailbox_domains = " + FOLLOWERS_DOMAIN,
                        "virtual_mailbox_base = " + root.resolve("mail"),
                        "virtual_mailbox_maps = hash:" + config.resolve("vmailbox"),
                        "virtual_uid_maps = static:" + uid,
                        "virtual_gid_maps = static:" + gid,
                        // the log goes to a file through postlogd; Postfix refuses a file outside these prefixes
                        "maillog_file = " + root.resolve("postfix.log"),
                        "maillog_file_prefixes = " + root,
                        // an unknown mailbox is taken and bounced afterwards, so that Postfix writes a DSN of its own
                        // rather than refusing at RCPT
                        "smtpd_reject_unlisted_recipient = no",
                        "smtpd_sasl_auth_enable = yes",
                        "smtpd_sasl_type = dovecot",
                        "smtpd_sasl_path = inet:127.0.0.1:" + authPort,
                        "smtpd_tls_security_level = may",
                        "smtpd_tls_auth_only = yes",
                        "smtpd_tls_cert_file = " + root.resolve("cert.pem"),
                        "smtpd_tls_key_file = " + root.resolve("key.pem"),
                        // the Received header then says which TLS protocol and cipher carried the mail
                        "smtpd_tls_received_header = yes",
                        "smtpd_relay_restrictions = permit_sasl_authenticated, permit_mynetworks, reject_unauth_destination",
                        ""));
        StringBuilder map = new StringBuilder();
        // a value ending in / is a Maildir
        mailboxes.forEach(m -> map.append(m)
                .append('@')
                .append(FOLLOWERS_DOMAIN)
                .append(' ')
                .append(m)
                .append("/\n"));
        Files.writeString(config.resolve("vmailbox"), map);
        // -c: Postfix's tools read main.cf before anything else, and a system installed without a configuration
        // (Debian's "No configuration") has no /etc/postfix/main.cf to read
        run("postmap", "-c", config.toString(), config.resolve("vmailbox").toString());
        String master = Files.readString(systemMasterCf())
                .replaceFirst("(?m)^smtp\\s+inet.*$", "127.0.0.1:" + port + " inet n - n - - smtpd");
        if (!master.matches("(?s).*(?m)^postlog\\s.*")) {
            master += "\npostlog   unix-dgram n  -       n       -       1       postlogd\n";
        }
        Files.writeString(config.resolve("master.cf"), master);
    }

    /** The system's service table, or the package's own copy where the system was left without one. */
    private static Path systemMasterCf() {
        Path installed = Path.of("/etc/postfix/master.cf");
        return Files.exists(installed) ? installed : Path.of("/usr/share/postfix/master.cf.dist");
    }

    /** Dovecot with no mail protocol at all: only its auth service, on a TCP port Postfix asks. */
    private void configureDovecotAuth() throws IOException {
        Path dovecot = root.resolve("dovecot");
        Files.writeString(dovecot.resolve("users"), USER + ":{PLAIN}" + PASSWORD + "::::::\n");
        if (introspectionUrl != null) {
            Files.writeString(dovecot.resolve("oauth2.conf.ext"), PrivateDovecot.oauth2(introspectionUrl));
        }
        Files.writeString(root.resolve("dovecot.conf"), """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols =
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = %3$s
                default_internal_user = dovecot
                default_login_user = dovenull
                %4$s
                service auth {
                  inet_listener {
                    address = 127.0.0.1
                    port = %2$d
                  }
                }
                """.formatted(
                        dovecot,
                        authPort,
                        introspectionUrl == null ? "plain login" : "xoauth2 oauthbearer",
                        PrivateDovecot.passdb(dovecot, introspectionUrl)));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            run("postfix", "-c", config.toString(), "stop");
        } finally {
            run("doveadm", "-c", root.resolve("dovecot.conf").toString(), "stop");
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path out = root.resolve("commands.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + read(out) + "\n" + logText());
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        process.waitFor();
        return text;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
