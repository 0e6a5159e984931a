package com.perfectwork.mail.bounce;

import com.perfectwork.mail.routing.ParsedMail;
import jakarta.mail.internet.InternetHeaders;
import java.util.List;
import java.util.Optional;

/**
 * Feedback-loop reports: the recipient marked a mail as spam (or asked to hear no more). The standard one is an
 * RFC 5965 {@code message/feedback-report}; Microsoft's older one is a {@code multipart/mixed} whose subject says
 * "complaint about message from" and whose only part is the returned mail, its recipient in
 * {@code X-HmXmrOriginalRecipient}. (Apple Mail's {@code X-Apple-Unsubscribe} request is no complaint: it goes to the
 * List-Unsubscribe address and unsubscribes.)
 */
final class FeedbackReports {

    private FeedbackReports() {}

    /** The feedback report the mail is, if it is one; {@code returned} are the returned mail's headers. */
    static Optional<Failure> read(ParsedMail mail, Optional<ParsedMail.Part> feedback, List<InternetHeaders> returned) {
        if (feedback.isPresent() || mail.reportType().equals("feedback-report")) {
            return Optional.of(standard(feedback, returned));
        }
        String subject = mail.subject() == null ? "" : mail.subject().strip();
        if (subject.regionMatches(true, 0, "complaint about message from ", 0, 29) && !returned.isEmpty()) {
            String named = header(returned, "X-HmXmrOriginalRecipient");
            return Optional.of(new Failure(
                    named != null ? named : recipientOf(returned), "abuse", "a Microsoft feedback-loop report"));
        }
        return Optional.empty();
    }

    /** A complaint: who complained, the feedback type, and what kind of report said so. */
    record Failure(String email, String type, String what) {

        String diagnostic() {
            return what + (type == null ? "" : " (" + type.strip() + ")") + ": the recipient marked the mail as spam";
        }
    }

    private static Failure standard(Optional<ParsedMail.Part> feedback, List<InternetHeaders> returned) {
        String email = null;
        String type = null;
        if (feedback.isPresent()) {
            DeliveryStatus fields = DeliveryStatus.parse(DsnParser.text(feedback.get()));
            type = fields.message().get("feedback-type");
            String rcpt = fields.message()
                    .getOrDefault("original-rcpt-to", fields.message().get("removal-recipient"));
            email = rcpt == null ? null : DeliveryStatus.bareAddress(rcpt);
        }
        return new Failure(email != null ? email : recipientOf(returned), type, "feedback report");
    }

    private static String recipientOf(List<InternetHeaders> returned) {
        String to = header(returned, "To");
        return to == null ? null : DsnParser.firstAddress(to).orElse(null);
    }

    private static String header(List<InternetHeaders> returned, String name) {
        return returned.stream()
                .map(h -> h.getHeader(name, ","))
                .filter(value -> value != null)
                .findFirst()
                .orElse(null);
    }
}
