package com.perfectwork.mail.peers;

import com.perfectwork.mail.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Dovecot of its own: configuration, runtime sockets, state, logs and maildirs in one directory, IMAP,
 * IMAPS, POP3 and POP3S on free ports of 127.0.0.1, a self-signed certificate for 127.0.0.1, users with the
 * password {@value #PASSWORD}. Mail is delivered with {@code doveadm save}, the path a local delivery agent
 * takes, so an IDLE client is told of it as of any delivered mail. {@link #checkingTokens} makes one that signs users
 * in with OAuth2 instead (XOAUTH2, OAUTHBEARER): its {@code oauth2} passdb asks an authorization server's
 * introspection endpoint (RFC 7662) whether the token is active and whose it is.
 */
public final class PrivateDovecot implements AutoCloseable {

    public static final String PASSWORD = "password";

    private final Path dir;
    private final Path conf;
    public final int imap = ServerProcess.freePort();
    public final int imaps = ServerProcess.freePort();
    public final int pop3 = ServerProcess.freePort();
    public final int pop3s = ServerProcess.freePort();

    private final String introspectionUrl;

    public PrivateDovecot(Path dir, String... users) {
        this(dir, null, users);
    }

    /** A Dovecot whose users sign in with an access token that this introspection endpoint finds active and theirs. */
    public static PrivateDovecot checkingTokens(Path dir, String introspectionUrl) {
        return new PrivateDovecot(dir, introspectionUrl, new String[0]);
    }

    private PrivateDovecot(Path dir, String introspectionUrl, String[] users) {
        this.dir = dir;
        this.conf = dir.resolve("dovecot.conf");
        this.introspectionUrl = introspectionUrl;
        try {
            // Dovecot's auth process runs as the dovecot user: it must reach the passwd file in this directory
            DaemonFiles.openToDaemons(dir);
            // mail is stored as the mail user (Dovecot refuses uid 0), which creates each user's maildir here
            Path mail = Files.createDirectories(dir.resolve("mail"));
            Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("state"));
            StringBuilder passwd = new StringBuilder();
            for (String user : users) {
                passwd.append(user).append(":{PLAIN}").append(PASSWORD).append("::::::\n");
            }
            Files.writeString(dir.resolve("users"), passwd);
            DaemonFiles.selfSignedCertificate(
                    dir.resolve("key.pem"), certificate(), "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
            if (introspectionUrl != null) {
                Files.writeString(dir.resolve("oauth2.conf.ext"), oauth2(introspectionUrl));
            }
            Files.writeString(conf, configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the certificate", e);
        }
    }

    public Path certificate() {
        return dir.resolve("cert.pem");
    }

    public Path log() {
        return dir.resolve("dovecot.log");
    }

    public PrivateDovecot start() {
        run(List.of("dovecot", "-c", conf.toString()));
        return this;
    }

    /** Delivers one raw mail into the user's INBOX, as a local delivery agent does. */
    public void deliver(String user, String raw) {
        run(List.of("doveadm", "-c", conf.toString(), "save", "-u", user), raw);
    }

    /**
     * Writes raw mails straight into the user's maildir (new/), as a delivery agent leaves them: thousands in
     * seconds where one doveadm process per mail would take minutes. Dovecot indexes them on the next login.
     */
    public void fill(String user, List<String> raws) {
        try {
            Path maildir = dir.resolve("mail").resolve(user);
            for (String sub : List.of("cur", "new", "tmp")) {
                Files.createDirectories(maildir.resolve(sub));
            }
            for (int i = 0; i < raws.size(); i++) {
                Files.writeString(maildir.resolve("new").resolve("1700000000.M" + i + "P1.bench"), raws.get(i));
            }
            run(List.of("chown", "-R", "mail:mail", maildir.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of the user's INBOX mails matching a doveadm search query ("ALL", "SEEN", "UNSEEN"). */
    public int count(String user, String query) {
        List<String> command =
                new ArrayList<>(List.of("doveadm", "-c", conf.toString(), "search", "-u", user, "mailbox", "INBOX"));
        command.addAll(List.of(query.split(" ")));
        String out = run(command);
        return (int) out.lines().filter(l -> !l.isBlank()).count();
    }

    private String configuration() {
        return """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                info_log_path = %1$s/dovecot.log
                listen = 127.0.0.1
                protocols = imap pop3
                ssl = yes
                ssl_cert = <%1$s/cert.pem
                ssl_key = <%1$s/key.pem
                disable_plaintext_auth = no
                auth_mechanisms = %6$s
                first_valid_uid = 1
                mail_uid = mail
                mail_gid = mail
                mail_location = maildir:%1$s/mail/%%u
                default_internal_user = dovecot
                default_login_user = dovenull
                %7$s
                userdb {
                  driver = static
                  args = uid=mail gid=mail home=%1$s/mail/%%u%8$s
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = %3$d
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %4$d
                  }
                  inet_listener pop3s {
                    port = %5$d
                  }
                }
                """.formatted(
                        dir,
                        imap,
                        imaps,
                        pop3,
                        pop3s,
                        introspectionUrl == null ? "plain login" : "xoauth2 oauthbearer",
                        passdb(dir, introspectionUrl),
                        // the oauth2 passdb cannot look a user up: every user exists (doveadm save, the userdb)
                        introspectionUrl == null ? "" : " allow_all_users=yes");
    }

    /** Who may sign in: the users file's passwords, or the access tokens the introspection endpoint vouches for. */
    static String passdb(Path dir, String introspectionUrl) {
        return introspectionUrl == null
                ? "passdb {\n  driver = passwd-file\n  args = " + dir + "/users\n}"
                : "passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = " + dir
                        + "/oauth2.conf.ext\n}";
    }

    /**
     * Dovecot's oauth2 passdb: each token is introspected (POST {@code token=…}, the resource server's credentials in
     * the URL), taken when {@code active} is true and its {@code email} is the login's user.
     */
    static String oauth2(String introspectionUrl) {
        return String.join(
                "\n",
                "introspection_mode = post",
                "introspection_url = " + introspectionUrl,
                "username_attribute = email",
                "active_attribute = active",
                "active_value = true",
                "timeout_msecs = 5000",
                "");
    }

    private String run(List<String> command) {
        return run(command, null);
    }

    private String run(List<String> command, String input) {
        try {
            Path out = Files.createTempFile(dir, "command", ".out");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try (var stdin = process.getOutputStream()) {
                if (input != null) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String text = Files.readString(out);
            Files.delete(out);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the master and its children ({@code doveadm stop} reads the pid from this base_dir). */
    @Override
    public void close() {
        try {
            run(List.of("doveadm", "-c", conf.toString(), "stop"));
        } catch (RuntimeException e) {
            // not started, or already gone
        }
    }
}
