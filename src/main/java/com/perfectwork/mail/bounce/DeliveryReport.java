package com.perfectwork.mail.bounce;

import com.perfectwork.mail.routing.ParsedMail;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code message/delivery-status} report (RFC 3464) says: its first failed recipient, else its first
 * delayed one (a delay warning), else that nothing failed. The recipient is the first of {@code Final-Recipient},
 * {@code Original-Recipient} and {@code X-Failed-Recipients} that is an address (Exim names a pipe or a file it
 * failed to deliver to, Sun's Messaging Server a source route); the code is the most precise of the
 * {@code Status} field and the diagnostic ({@link StatusCodes#precise}).
 */
final class DeliveryReport {

    private DeliveryReport() {}

    /** What the report says; empty when it has no recipient block (the notice's words are then read instead). */
    static Optional<BounceReading> read(DeliveryStatus report, Notice notice, List<String> originals) {
        Optional<DeliveryStatus.Recipient> failed = report.recipients().stream()
                .filter(r -> r.action().equals("failed"))
                .findFirst();
        if (failed.isPresent()) {
            return Optional.of(failure(failed.get(), notice, originals, false));
        }
        Optional<DeliveryStatus.Recipient> delayed = report.recipients().stream()
                .filter(r -> r.action().equals("delayed"))
                .findFirst();
        if (delayed.isPresent()) {
            return Optional.of(failure(delayed.get(), notice, originals, true));
        }
        if (!report.recipients().isEmpty()) {
            return Optional.of(new BounceReading.NotABounce("a delivery report without a failure (Action: "
                    + report.recipients().get(0).action() + ")"));
        }
        return Optional.empty();
    }

    private static BounceReading failure(
            DeliveryStatus.Recipient recipient, Notice notice, List<String> originals, boolean delayed) {
        String own = notice.own();
        String address = address(recipient, notice.mail());
        // a report without a Diagnostic-Code often quotes the server's reply in its text (Sendmail's transcript)
        String diagnostic =
                recipient.diagnostic() != null ? recipient.diagnostic() : NoticeText.diagnostic(own, address);
        String status = StatusCodes.precise(recipient.status(), diagnostic);
        BounceClassifier.Classification classified = BounceClassifier.classify(status, diagnostic, own);
        boolean local = localProgram(recipient);
        BounceReason reason = local ? BounceReason.OTHER : notice.reason(classified.reason());
        return new BounceReading.Failure(
                address,
                status,
                diagnostic,
                delayed && !local ? BounceClassifier.delayReason(reason) : reason,
                !delayed && classified.hard(),
                false,
                delayed,
                originals);
    }

    /**
     * A local program the mail was given to failed, and said only its exit status ({@code X-Unix; 75}): the
     * receiving system's own trouble, whatever the Status field's code.
     */
    private static boolean localProgram(DeliveryStatus.Recipient recipient) {
        String diagnostic = recipient.diagnostic();
        return "x-unix".equals(recipient.diagnosticType()) && diagnostic != null && diagnostic.matches("\\d{1,3}");
    }

    private static String address(DeliveryStatus.Recipient recipient, ParsedMail mail) {
        for (String field : List.of("final-recipient", "original-recipient")) {
            String value = recipient.field(field);
            String address = value == null ? null : DeliveryStatus.bareAddress(value);
            if (DsnParser.normalized(address) != null) {
                return address;
            }
        }
        return DsnParser.failedRecipient(mail).orElse(recipient.address());
    }
}
