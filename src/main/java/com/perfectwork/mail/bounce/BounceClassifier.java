package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells why a delivery failed, and whether for good: first from what the server said (its words are more precise
 * than its codes: servers answer {@code 5.7.1} for spam, policy blocks and relaying alike), then from the enhanced
 * status code (RFC 3463), else {@code other}.
 *
 * <p>Hard means permanent: a {@code 5.x.x} code or no code at all, an unknown user or host, a disabled mailbox.
 * A full mailbox and a mail given up after retries are soft whatever their code: the address may work tomorrow.
 *
 * <p>The words are matched with RE2/J, in time linear in the text whatever a rule says, so that a rule added for a new
 * server's wording can never make a hostile notice expensive to read.
 */
final class BounceClassifier {

    /** The reasons told by words, in the order they are tried: the more specific before the more general. */
    private static final List<Rule> WORDS = List.of(
            new Rule(
                    BounceReason.RELAY_DENIED,
                    "relay(ing)? (access )?(is )?(denied|not permitted|prohibited|not allowed)|not permitted to relay"
                            + "|unable to relay|we do not relay|relay not (permitted|allowed)"),
            new Rule(
                    BounceReason.HOST_UNKNOWN,
                    "host or domain name not found|domain (name )?not found|domain \\S+ (couldn't|could not) be found"
                            + "|nxdomain|no mx (record|host)|unrouteable (mail )?domain|unrouteable address"
                            + "|unknown host|host unknown|no such domain|domain does not exist|name service error"),
            new Rule(
                    BounceReason.USER_UNKNOWN,
                    "user unknown|unknown user|no such (user|mailbox|recipient|address|account)|does ?n[o']t exist"
                            + "|recipient ?not ?found|unknown (recipient|local part|address|mailbox)"
                            + "|invalid (recipient|mailbox|address)|no mailbox here|mailbox not found|user not found"
                            + "|address(ee)? unknown|doesn't have an? \\S+ account|not a valid (recipient|mailbox)"
                            + "|recipient (address )?rejected: (user|unknown)|bad destination mailbox"),
            new Rule(
                    BounceReason.MAILBOX_FULL,
                    "mailbox (is )?full|over ?quota|quota (exceeded|full)|exceed(s|ed)? (the |its |his |her )?"
                            + "(storage |mailbox )?quota|insufficient (system )?storage|inbox is full|mailbox size limit"
                            + "|out of storage|full mailbox|mailbox has exceeded|mailbox is over"),
            new Rule(
                    BounceReason.MESSAGE_TOO_LARGE,
                    "too (large|big)|size exceeds|exceeds (the )?(maximum |fixed )?(message )?size|message size"
                            + "|message length exceeds|size limit|message exceeds"),
            new Rule(
                    BounceReason.EXPIRED,
                    "retry (timeout|time) exceeded|delivery time expired|time ?out expired|gave up|giving up"
                            + "|message (has )?expired|expired after|could not be delivered (with)?in"
                            + "|not (been )?delivered (with)?in|too many (retries|delivery attempts)"
                            + "|maximum (time|delivery attempts)|exceeded the maximum time|couldn't be delivered in"),
            // a mailbox "temporarily suspended" will be back: not a suspended one
            new Rule(BounceReason.SUSPENDED, "suspended", "temporarily "),
            new Rule(
                    BounceReason.SUSPENDED,
                    "disabled|deactivated|inactive (account|mailbox|user)|account (is )?"
                            + "(inactive|closed|locked)|mailbox (is )?(inactive|disabled|closed|locked)"
                            + "|requested mailbox is unavailable|no longer (active|available|in use)"),
            new Rule(
                    BounceReason.BLOCKED,
                    "spamhaus|spamcop|barracuda|\\blisted (at|on|in|by)|blacklist|blocklist|block list|denylist"
                            + "|reputation|rate limit|unusual rate|dmarc|\\bspf\\b|dkim|not authori[sz]ed"
                            + "|access denied|traffic not accepted|banned|blocked using|\\bpolicy\\b|rejected by policy"
                            + "|restricted to|not accepted from this ip"),
            new Rule(
                    BounceReason.REJECTED_AS_SPAM,
                    "\\bspam\\b|unsolicited|junk mail|content presents a potential security issue"
                            + "|content (was )?rejected|message content|virus|malware|phishing|suspicious"),
            new Rule(BounceReason.BLOCKED, "\\bblocked\\b|refused|rejected"));

    /**
     * An enhanced status code (RFC 3463) standing on its own: not within a longer number or a dotted one (an IP
     * address, a version). RE2 has no look-around, so the characters around the code are part of the match and the
     * code is its first group.
     */
    private static final Pattern STATUS =
            Pattern.compile("(?:^|[^\\d.])([245]\\.\\d{1,3}\\.\\d{1,3})(?:$|[^\\d.]|\\.$|\\.[^\\d])");

    private BounceClassifier() {}

    /** A reason and whether it is permanent. */
    record Classification(BounceReason reason, boolean hard) {}

    /**
     * @param status the enhanced status code, or null
     * @param diagnostic what the receiving server said, or null
     * @param context the rest of the notice, read when the diagnostic says nothing known, or null
     */
    static Classification classify(String status, String diagnostic, String context) {
        BounceReason reason = byWords(diagnostic)
                .or(() -> byCode(status))
                .or(() -> byWords(context))
                .orElse(isTemporary(status) ? BounceReason.EXPIRED : BounceReason.OTHER);
        boolean hard = switch (reason) {
            case USER_UNKNOWN, HOST_UNKNOWN, SUSPENDED -> true;
            case MAILBOX_FULL, EXPIRED -> false;
            default -> !isTemporary(status);
        };
        return new Classification(reason, hard);
    }

    /** The first enhanced status code ({@code 5.1.1}) in a text, if any. */
    static Optional<String> statusIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = STATUS.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A temporary code reported in a failure means the server gave up retrying. */
    private static boolean isTemporary(String status) {
        return status != null && status.startsWith("4");
    }

    private static Optional<BounceReason> byWords(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return WORDS.stream()
                .filter(rule -> rule.foundIn(lower))
                .map(Rule::reason)
                .findFirst();
    }

    private static Optional<BounceReason> byCode(String status) {
        if (status == null) {
            return Optional.empty();
        }
        String[] parts = status.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String detail = parts[1] + "." + parts[2];
        return Optional.ofNullable(
                switch (detail) {
                    case "1.0", "1.1", "1.3", "1.6", "1.10" -> BounceReason.USER_UNKNOWN;
                    case "1.2", "4.4" -> BounceReason.HOST_UNKNOWN;
                    case "2.2" -> BounceReason.MAILBOX_FULL;
                    case "2.3", "3.4" -> BounceReason.MESSAGE_TOO_LARGE;
                    case "2.1" -> BounceReason.SUSPENDED;
                    case "4.7" -> BounceReason.EXPIRED;
                    default -> parts[1].equals("7") ? BounceReason.BLOCKED : null;
                });
    }

    /** Words that tell a reason, unless they follow {@code notAfter} (null: whatever precedes them). */
    private record Rule(BounceReason reason, Pattern pattern, String notAfter) {
        Rule(BounceReason reason, String regex) {
            this(reason, Pattern.compile(regex), null);
        }

        Rule(BounceReason reason, String regex, String notAfter) {
            this(reason, Pattern.compile(regex), notAfter);
        }

        boolean foundIn(String text) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                int before = matcher.start() - (notAfter == null ? 0 : notAfter.length());
                if (notAfter == null || before < 0 || !text.startsWith(notAfter, before)) {
                    return true;
                }
            }
            return false;
        }
    }
}
