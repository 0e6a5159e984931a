package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import com.perfectwork.mail.core.EmailAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * Rung 2 of the routing: whether a received mail is for the bounce module, from its envelope and its looks. Sent to
 * the bounce address or a report by its structure ({@code multipart/report}), it is the bounce module's whatever it
 * says. Mail servers sign their notices in many other ways (a mailer daemon's or a postmaster's From, a From of no
 * address, a null Return-Path, {@code X-Failed-Recipients}, a notice's subject, a provider's complaint or
 * notification shape): such a mail goes to the bounce module <em>tentatively</em>, and one it finds no report in is
 * routed like any mail.
 */
final class BounceSigns {

    /** The subjects mail servers give their failure and delay notices (a reply or a forward of one is a person's). */
    private static final Pattern NOTICE_SUBJECT = Pattern.compile(
            "(?i)^(undeliver|undelivered mail|returned mail|mail delivery (failed|failure)|delivery (status )?notification"
                    + "|delivery failure|failure notice|mail failure|non remis|unzustellbar|nicht zustellbar"
                    + "|warning: could not send|mail system error|delivery report)");
    /** Feedback-loop reports that are no {@code multipart/report}: Microsoft's and Amazon SES's. */
    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile("(?i)^complaint about message from ");
    /** An Amazon SES notification (bounce, complaint, delivery) as JSON, mailed by Amazon SNS (escaped, inside its). */
    private static final Pattern SES_NOTIFICATION = Pattern.compile("\\\\?\"notificationType\\\\?\"\\s*:\\s*\\\\?\"");

    private BounceSigns() {}

    /** Why a mail is for the bounce module; {@code tentative} when only its looks say so. */
    record Sign(String reason, boolean tentative) {}

    static Optional<Sign> of(ParsedMail mail, String bounceAlias, Optional<String> domain) {
        String alias = bounceAlias.toLowerCase(Locale.ROOT);
        for (EmailAddress recipient : mail.recipients()) {
            String local = recipient.localPart().toLowerCase(Locale.ROOT);
            boolean atOurDomain =
                    domain.map(d -> d.equalsIgnoreCase(recipient.domain())).orElse(true);
            if (atOurDomain && (local.equals(alias) || local.startsWith(alias + "+"))) {
                return Optional.of(new Sign("sent to the bounce address " + recipient.address(), false));
            }
        }
        String reportType = mail.reportType();
        if (reportType.equals("delivery-status") || reportType.equals("feedback-report")) {
            return Optional.of(new Sign("a delivery status notification (multipart/report)", false));
        }
        return looks(mail).map(why -> new Sign(why, true));
    }

    /** What makes the mail look like a report, tried in order; empty when nothing does. */
    private static Optional<String> looks(ParsedMail mail) {
        if (mail.fromMailSystem()) {
            return Optional.of("sent by a mail system (" + head(mail.header("From")) + ")");
        }
        if (mail.failedRecipients() != null) {
            return Optional.of("it names failed recipients (X-Failed-Recipients)");
        }
        String returnPath = mail.returnPath() == null ? "" : mail.returnPath().strip();
        if (returnPath.equals("<>")) {
            return Optional.of("its Return-Path is null (<>), as a mail server's notice's is");
        }
        String listServer = mail.header("X-MLServer");
        if (listServer != null
                && mail.from() != null
                && mail.from().localPart().toLowerCase(Locale.ROOT).endsWith("-admin")) {
            return Optional.of("a mailing list manager's notice (" + head(listServer) + ")");
        }
        String subject = head(mail.subject());
        if (NOTICE_SUBJECT.matcher(subject).find()
                || COMPLAINT_SUBJECT.matcher(subject).find()) {
            return Optional.of("its subject is a mail server's notice's (" + subject + ")");
        }
        String text = mail.text() == null ? "" : head(mail.text());
        if (SES_NOTIFICATION.matcher(text).find()) {
            return Optional.of("an Amazon SES notification");
        }
        return Optional.empty();
    }

    private static String head(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 4096 ? text : text.substring(0, 4096);
    }
}
