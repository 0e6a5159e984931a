package com.perfectwork.mail.bounce;

import java.util.Optional;

/**
 * Tells why a delivery failed, and whether for good, from the best evidence first: a status code only the sender's
 * side causes ({@code x.1.7}, {@code x.1.8}: the sender's address was refused, whatever else the words say), a
 * provider's own error label ({@link ProviderCodes}), then what the server said in words ({@link ReasonWords}: servers answer {@code 5.7.1} for spam, policy blocks and
 * relaying alike), then the enhanced status code (RFC 3463), then words that only say the mail was refused, then the
 * rest of the notice, then a code that only names a kind of trouble (network, system, protocol); else {@code expired} for a temporary code (the server gave up retrying), else {@code other}.
 *
 * <p>Hard means permanent: a {@code 5.x.x} code or no code at all, an unknown user or host, a disabled mailbox.
 * A full mailbox and a mail given up after retries are soft whatever their code: the address may work tomorrow.
 */
final class BounceClassifier {

    private BounceClassifier() {}

    /** A reason and whether it is permanent. */
    record Classification(BounceReason reason, boolean hard) {}

    /**
     * @param status the enhanced status code, or null
     * @param diagnostic what the receiving server said, or null
     * @param context the rest of the notice, read when the diagnostic says nothing known, or null
     */
    static Classification classify(String status, String diagnostic, String context) {
        BounceReason reason = bySender(status)
                .or(() -> ProviderCodes.reason(diagnostic))
                .or(() -> ReasonWords.specific(diagnostic))
                .or(() -> byCode(status))
                .or(() -> ReasonWords.refusal(diagnostic) ? Optional.of(BounceReason.BLOCKED) : Optional.empty())
                .or(() -> ReasonWords.specific(context))
                .or(() -> byVagueCode(status))
                .orElse(isTemporary(status) ? BounceReason.EXPIRED : BounceReason.OTHER);
        boolean hard = switch (reason) {
            case USER_UNKNOWN, HOST_UNKNOWN, SUSPENDED -> true;
            case MAILBOX_FULL, EXPIRED -> false;
            default -> !isTemporary(status);
        };
        return new Classification(reason, hard);
    }

    /** Why a mail is delayed: what the server said, else that it has not been delivered yet. */
    static BounceReason delayReason(BounceReason told) {
        return told == BounceReason.OTHER ? BounceReason.EXPIRED : told;
    }

    /** A temporary code reported in a failure means the server gave up retrying. */
    private static boolean isTemporary(String status) {
        return status != null && status.startsWith("4");
    }

    /** {@code x.1.7} and {@code x.1.8}: the sender's address or domain was refused (RFC 3463). */
    private static Optional<BounceReason> bySender(String status) {
        return status != null && (status.endsWith(".1.7") || status.endsWith(".1.8"))
                ? Optional.of(BounceReason.BLOCKED)
                : Optional.empty();
    }

    /** What a code says of its own (RFC 3463's subject and detail), where it says something definite. */
    private static Optional<BounceReason> byCode(String status) {
        return detail(status).map(detail -> switch (detail) {
            case "1.0", "1.1", "1.3", "1.6" -> BounceReason.USER_UNKNOWN;
            case "1.2", "1.10", "4.4" -> BounceReason.HOST_UNKNOWN;
            case "2.2", "3.1" -> BounceReason.MAILBOX_FULL;
            case "2.3", "3.4" -> BounceReason.MESSAGE_TOO_LARGE;
            case "2.1" -> BounceReason.SUSPENDED;
            case "4.7" -> BounceReason.EXPIRED;
            default -> detail.startsWith("7.") ? BounceReason.BLOCKED : null;
        });
    }

    /** What a code that names only a kind of trouble says, when no words said more: network, system, protocol. */
    private static Optional<BounceReason> byVagueCode(String status) {
        return detail(status).map(detail -> switch (detail) {
            case "4.1", "4.2" -> BounceReason.EXPIRED;
            default ->
                detail.startsWith("3.") || detail.startsWith("4.") || detail.startsWith("5.") || detail.startsWith("6.")
                        ? BounceReason.OTHER
                        : null;
        });
    }

    /** The subject and detail of a code ({@code 1.1} of {@code 5.1.1}). */
    private static Optional<String> detail(String status) {
        if (status == null) {
            return Optional.empty();
        }
        String[] parts = status.split("\\.");
        return parts.length == 3 ? Optional.of(parts[1] + "." + parts[2]) : Optional.empty();
    }
}
