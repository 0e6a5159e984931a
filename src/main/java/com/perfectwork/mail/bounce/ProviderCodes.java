package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.Map;
import java.util.Optional;

/**
 * The error labels a provider puts in its replies, which say the reason more precisely than its words and codes:
 * Orange and La Poste end theirs with {@code OFR005_505}, {@code LPN007_102}, {@code OFR_506} (see Orange's
 * postmaster pages, "Codes d'erreur SMTP"). Read before the words: "Service refused, please try later" is the same
 * sentence for a blocked address ({@code 103}) and a failing system ({@code 505}).
 */
final class ProviderCodes {

    private static final Pattern ORANGE = Pattern.compile("(?i)\\b(?:ofr|lpn|lpnaaa|ouk)\\d*[_-](\\d{3})\\b");

    private static final Map<String, BounceReason> ORANGE_CODES = Map.ofEntries(
            Map.entry("101", BounceReason.BLOCKED),
            Map.entry("102", BounceReason.BLOCKED),
            Map.entry("103", BounceReason.BLOCKED),
            Map.entry("104", BounceReason.BLOCKED),
            Map.entry("305", BounceReason.BLOCKED),
            Map.entry("401", BounceReason.BLOCKED),
            Map.entry("402", BounceReason.BLOCKED),
            Map.entry("403", BounceReason.BLOCKED),
            Map.entry("405", BounceReason.BLOCKED),
            Map.entry("415", BounceReason.BLOCKED),
            Map.entry("416", BounceReason.USER_UNKNOWN),
            Map.entry("417", BounceReason.MAILBOX_FULL),
            Map.entry("420", BounceReason.SUSPENDED),
            Map.entry("421", BounceReason.BLOCKED),
            Map.entry("426", BounceReason.SUSPENDED),
            Map.entry("505", BounceReason.OTHER),
            Map.entry("506", BounceReason.REJECTED_AS_SPAM),
            Map.entry("510", BounceReason.BLOCKED),
            Map.entry("514", BounceReason.MESSAGE_TOO_LARGE),
            Map.entry("517", BounceReason.BLOCKED),
            Map.entry("630", BounceReason.BLOCKED),
            Map.entry("999", BounceReason.BLOCKED));

    private ProviderCodes() {}

    /** The reason a provider's label in the text tells, if there is one it defines. */
    static Optional<BounceReason> reason(String diagnostic) {
        if (diagnostic == null) {
            return Optional.empty();
        }
        Matcher label = ORANGE.matcher(diagnostic);
        return label.find() ? Optional.ofNullable(ORANGE_CODES.get(label.group(1))) : Optional.empty();
    }
}
