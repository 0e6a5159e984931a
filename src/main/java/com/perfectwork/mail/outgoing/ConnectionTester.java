package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.settings.DeploymentSettings;
import com.perfectwork.mail.settings.MailDomainSettings;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.stereotype.Component;

/**
 * Test Connection: the real handshake of a delivery without delivering anything. Connect, EHLO, TLS, AUTH,
 * MAIL FROM with a sender the FROM filter accepts, RCPT TO a harmless address, DATA; then the connection
 * is closed before the message would end, so the server discards it (as Odoo's test does).
 */
@Component
public class ConnectionTester {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MailDomainSettings mailSettings;
    private final UserAccounts users;
    private final DeploymentSettings deployment;
    private final SmtpSignIn signIn;

    ConnectionTester(
            MailDomainSettings mailSettings, UserAccounts users, DeploymentSettings deployment, SmtpSignIn signIn) {
        this.signIn = signIn;
        this.deployment = deployment;
        this.mailSettings = mailSettings;
        this.users = users;
    }

    public ConnectionTestResult test(MailServer server) {
        Optional<String> refusal = MailServers.refusal(server, deployment.online());
        if (refusal.isPresent()) {
            return ConnectionTestResult.failure("connect", refusal.get());
        }
        String sender = sender(server);
        String recipient = "postmaster@"
                + EmailAddress.tryParse(sender).map(EmailAddress::domain).orElse("localhost");
        SmtpSession session;
        try {
            SmtpSignIn.SignedIn signedIn = signIn.open(
                    server,
                    secret -> SmtpSession.open(
                            server, secret, mailSettings.catchallDomain().orElse("localhost"), TIMEOUT));
            if (signedIn instanceof SmtpSignIn.SignedIn.Waiting waiting) {
                return ConnectionTestResult.failure("auth", waiting.reason());
            }
            session = ((SmtpSignIn.SignedIn.Open) signedIn).session();
        } catch (MessagingException | RuntimeException e) {
            return ConnectionTestResult.failure(stageOf(e), connectFailure(server, e));
        }
        try (session) {
            SMTPTransport smtp = session.transport();
            if (smtp.simpleCommand("MAIL FROM:<" + MailHeaders.asciiDomain(sender) + ">") != 250) {
                return ConnectionTestResult.failure(
                        "mail-from",
                        "The server refused the sender " + sender + ": "
                                + MailHeaders.oneLine(smtp.getLastServerResponse()));
            }
            int rcpt = smtp.simpleCommand("RCPT TO:<" + recipient + ">");
            if (rcpt != 250 && rcpt != 251) {
                return ConnectionTestResult.failure(
                        "rcpt-to",
                        "The server refused the recipient " + recipient + ": "
                                + MailHeaders.oneLine(smtp.getLastServerResponse()));
            }
            if (smtp.simpleCommand("DATA") != 354) {
                return ConnectionTestResult.failure(
                        "data", "The server refused DATA: " + MailHeaders.oneLine(smtp.getLastServerResponse()));
            }
            return ConnectionTestResult.success("Connection Test Successful! " + server.host() + ":" + server.port()
                    + " accepts mail from " + sender + ".");
        } catch (MessagingException e) {
            return ConnectionTestResult.failure("smtp", SmtpFailures.words(e));
        }
    }

    /** The filter's first full address, else noreply@ its first domain, else the administrator's address. */
    private String sender(MailServer server) {
        Optional<String> fromFilter = server.fromFilter().sampleSender();
        return fromFilter
                .or(() -> users.findByLogin("admin")
                        .map(admin -> admin.email())
                        .flatMap(EmailAddress::tryParse)
                        .map(EmailAddress::address))
                .or(() -> mailSettings.notificationsAddress().map(EmailAddress::address))
                .orElse("noreply@" + mailSettings.catchallDomain().orElse("localhost"));
    }

    private static String stageOf(Exception e) {
        String words = SmtpFailures.words(e).toLowerCase();
        if (e instanceof jakarta.mail.AuthenticationFailedException) {
            return "auth";
        }
        if (words.contains("ssl")
                || words.contains("tls")
                || words.contains("certificat")
                || words.contains("handshake")) {
            return "tls";
        }
        return "connect";
    }

    private static String connectFailure(MailServer server, Exception e) {
        String words = SmtpFailures.words(e);
        return switch (stageOf(e)) {
            case "auth" -> "The server refused the login of " + server.username() + ": " + words;
            case "tls" -> "The TLS negotiation with " + server.host() + ":" + server.port() + " failed: " + words;
            default -> "Could not connect to " + server.host() + ":" + server.port() + ": " + words;
        };
    }
}
