package com.perfectwork.mail.outgoing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID of a mass mail, {@code <bulk.TOKEN@domain>}: it carries the recipient's token, so that a reply
 * (whose In-Reply-To and References name it, RFC 5322 section 3.6.4) can be traced back to the mail it answers.
 */
public final class MassMailMessageId {

    private static final String PREFIX = "bulk.";
    /** A token is written as a dot-atom's text (RFC 5322 section 3.2.3), so that the id stays one msg-id. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+");

    private static final Pattern IN_HEADER =
            Pattern.compile("<" + Pattern.quote(PREFIX) + "(" + TOKEN.pattern() + ")@[^<>\\s]+>");

    private MassMailMessageId() {}

    /** The Message-ID of the mail carrying {@code token}; empty when the token cannot be written in one. */
    public static Optional<String> of(String token, String domain) {
        if (token == null || !TOKEN.matcher(token).matches() || token.startsWith(".") || token.endsWith(".")) {
            return Optional.empty();
        }
        return Optional.of("<" + PREFIX + token + "@" + domain + ">");
    }

    /**
     * The token of the first mass mail's id in a Message-ID, In-Reply-To or References value (several ids separated
     * by spaces); empty when none is a mass mail's.
     */
    public static Optional<String> parse(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        Matcher matcher = IN_HEADER.matcher(headerValue);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
