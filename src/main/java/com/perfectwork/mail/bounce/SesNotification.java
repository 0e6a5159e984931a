package com.perfectwork.mail.bounce;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An Amazon SES notification mailed by Amazon SNS: a JSON object ({@code notificationType} Bounce, Complaint or
 * Delivery), bare or wrapped as the {@code Message} string of SNS's own object, followed by SNS's footer. Read with
 * Jackson from at most {@link DsnParser#TEXT_LIMIT} characters of the text. See "Amazon SES notification contents"
 * in the SES developer guide.
 */
final class SesNotification {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A line too long for a mail is folded by some servers as {@code !} then a line break and a space. */
    private static final Pattern FOLD = Pattern.compile("!\\r?\\n ");

    private SesNotification() {}

    /** What the notification says, or empty when the text is none. */
    static Optional<BounceReading> read(String text) {
        Optional<JsonNode> notification = notification(text);
        if (notification.isEmpty()) {
            return Optional.empty();
        }
        JsonNode json = notification.get();
        List<String> originals = originals(json.path("mail"));
        return switch (json.path("notificationType").asString("").toLowerCase(Locale.ROOT)) {
            case "bounce" -> Optional.of(bounce(json.path("bounce"), originals));
            case "complaint" -> Optional.of(complaint(json.path("complaint"), originals));
            case "delivery" ->
                Optional.of(
                        new BounceReading.NotABounce("an Amazon SES delivery notification: the mail was delivered"));
            default -> Optional.empty();
        };
    }

    private static BounceReading bounce(JsonNode bounce, List<String> originals) {
        JsonNode recipient = bounce.path("bouncedRecipients").path(0);
        String diagnostic = text(recipient, "diagnosticCode");
        if (diagnostic != null && diagnostic.toLowerCase(Locale.ROOT).startsWith("smtp;")) {
            diagnostic = diagnostic.substring(5).strip();
        }
        String status =
                StatusCodes.precise(StatusCodes.first(text(recipient, "status")).orElse(null), diagnostic);
        String subType = bounce.path("bounceSubType").asString("");
        BounceClassifier.Classification classified = BounceClassifier.classify(status, diagnostic, subType);
        BounceReason reason = switch (subType) {
            case "MailboxFull" -> BounceReason.MAILBOX_FULL;
            case "MessageTooLarge" -> BounceReason.MESSAGE_TOO_LARGE;
            case "ContentRejected", "AttachmentRejected" -> BounceReason.REJECTED_AS_SPAM;
            default -> classified.reason();
        };
        boolean transient_ = bounce.path("bounceType").asString("").equalsIgnoreCase("Transient");
        boolean hard = !transient_
                && BounceClassifier.classify(status, diagnostic, null).hard();
        return new BounceReading.Failure(
                text(recipient, "emailAddress"), status, diagnostic, reason, hard, false, false, originals);
    }

    private static BounceReading complaint(JsonNode complaint, List<String> originals) {
        String type = text(complaint, "complaintFeedbackType");
        return new BounceReading.Failure(
                text(complaint.path("complainedRecipients").path(0), "emailAddress"),
                null,
                "Amazon SES complaint" + (type == null ? "" : " (" + type + ")")
                        + ": the recipient marked the mail as spam",
                BounceReason.REJECTED_AS_SPAM,
                true,
                true,
                false,
                originals);
    }

    /** The returned mail's Message-IDs: its headers' (ours, when SES kept them) and its common headers'. */
    private static List<String> originals(JsonNode mail) {
        List<String> ids = new ArrayList<>();
        for (JsonNode header : mail.path("headers")) {
            String name = header.path("name").asString("");
            if (name.equalsIgnoreCase("X-Perfectwork-Message-Id") || name.equalsIgnoreCase("Message-ID")) {
                ids.add(header.path("value").asString("").strip());
            }
        }
        String common = text(mail.path("commonHeaders"), "messageId");
        if (common != null) {
            ids.add(common.strip());
        }
        return ids.stream()
                .filter(id -> id.startsWith("<") && id.endsWith(">"))
                .distinct()
                .toList();
    }

    /** The notification object of the text, unwrapped from SNS's envelope; empty when the text holds none. */
    private static Optional<JsonNode> notification(String text) {
        int start = text.indexOf('{');
        if (start < 0 || !text.contains("notificationType")) {
            return Optional.empty();
        }
        int footer = text.indexOf("\n--", start);
        String json = FOLD.matcher(text.substring(start, footer < 0 ? text.length() : footer))
                .replaceAll("");
        try {
            JsonNode node = JSON.readTree(json);
            if (node.path("Message").isString()) {
                node = JSON.readTree(node.path("Message").asString());
            }
            return node.has("notificationType") ? Optional.of(node) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
