package com.perfectwork.mail.core;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID of a mass mail, {@code <bulk.TOKEN@domain>}: it carries the recipient's token, so that a reply
 * (whose In-Reply-To and References name it, RFC 5322 section 3.6.4) can be traced back to the mail it answers.
 */
public final class MassMailMessageId {

    private static final String PREFIX = "bulk.";

    /** A token is written as dot-atom text (RFC 5322 section 3.2.3), so that the id stays one msg-id. */
    private static final String TOKEN = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";

    private static final Pattern VALID_TOKEN = Pattern.compile(TOKEN);
    private static final Pattern IN_BRACKETS =
            Pattern.compile("<" + Pattern.quote(PREFIX) + "(" + TOKEN + ")@[^<>\\s@]+>");
    private static final Pattern BARE = Pattern.compile(Pattern.quote(PREFIX) + "(" + TOKEN + ")@[^<>\\s@]+");

    private MassMailMessageId() {}

    /** Whether a token can be carried in a Message-ID as it is. */
    public static boolean canCarry(String token) {
        return token != null
                && token.length() <= 200
                && VALID_TOKEN.matcher(token).matches();
    }

    /**
     * The Message-ID of the mail carrying {@code token}, {@code <bulk.TOKEN@domain>}.
     *
     * @throws IllegalArgumentException when the token cannot be carried ({@link #canCarry})
     */
    public static String of(String token, String domain) {
        if (!canCarry(token)) {
            throw new IllegalArgumentException("a Message-ID cannot carry the token '" + token + "'");
        }
        return "<" + PREFIX + token + "@" + domain + ">";
    }

    /**
     * The token of the first mass mail's id in a Message-ID, In-Reply-To or References value (several ids separated
     * by spaces, or one id without its angle brackets); empty when none is a mass mail's.
     */
    public static Optional<String> token(String headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        Matcher inBrackets = IN_BRACKETS.matcher(headerValue);
        if (inBrackets.find()) {
            return Optional.of(inBrackets.group(1));
        }
        Matcher bare = BARE.matcher(headerValue.strip());
        return bare.matches() ? Optional.of(bare.group(1)) : Optional.empty();
    }
}
