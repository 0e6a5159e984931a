package com.perfectwork.mail.bounce;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;
import java.util.Optional;

/**
 * The words receiving servers use for each reason, in any language they write, tried in order: the more specific
 * before the more general (a "recipient address rejected: access denied" is Microsoft's unknown user, an "access
 * denied" alone a block). Drawn from what the servers of the families in {@link NoticeFamilies} write, as the bounce
 * parsers that read them (Sisimai's {@code reason} modules) list it. {@link #GENERIC} are the words that only say
 * that something was refused: they are read after the status code, which says more. Texts are lower-cased with
 * white space folded; the patterns are RE2/J's.
 */
final class ReasonWords {

    /** One reason's words, unless they follow {@code notAfter} (null: whatever precedes them). */
    record Rule(BounceReason reason, Pattern pattern, String notAfter) {

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

    static final List<Rule> SPECIFIC = List.of(
            new Rule(
                    BounceReason.RELAY_DENIED,
                    "relay(ing)? (access )?(is )?(denied|not permitted|prohibited|not allowed)|not permitted to relay"
                            + "|unable to relay|we do not relay|relay not (permitted|allowed)|insecure mail relay"
                            + "|not (allowed|authori[sz]ed) to relay|email address is not verified|as a relay|no relaying"
                            + "|not a gateway|not an open relay|not local host|relaying mail to|relay denied"
                            + "|not configured to relay|we don't handle mail for|send to a non-local e-?mail address"
                            + "|isn't in my list of allowed rcpthosts|that domain isn't in my list of allowed"),
            // a spam filter's verdict, whatever it refused
            new Rule(
                    BounceReason.REJECTED_AS_SPAM,
                    "spam classification|classified as spam|detected as spam|spam detected|looks like spam"
                            + "|identified as spam|considered (as )?spam|scored as spam|appears to be spam"
                            + "|message rejected as spam|probable spam|high probability of spam"),
            // an expired mail says so before what the last attempt met (a refused connection)
            new Rule(BounceReason.EXPIRED, "message expired|queue expired|delivery time expired|envelope expired"),
            // Microsoft's and Postfix's words for an address that does not exist, though they read like a block
            new Rule(
                    BounceReason.USER_UNKNOWN,
                    "recipient address rejected: (access denied|invalid user|unknown user|user unknown|userunknown"
                            + "|undeliverable address|no such user)|resolver\\.adr\\.recip\\w*notfound"
                            + "|recipientnotfound|mailbox unavailable or access denied"
                            + "|not listed in (domino directory|public name)"),
            new Rule(
                    BounceReason.BLOCKED,
                    // reverse DNS, authentication, the sender's own address, the protocol, the rate: the sender's doing
                    "reverse dns|ptr record|no ptr|invalid rdns|rdns record|mismatches client ip"
                            + "|unverifyable sending ip|cannot find your hostname|cannot resolve your address"
                            + "|ip name lookup failed|client host rejected|helo command rejected|bad helo"
                            + "|dmarc|\\bspf\\b|\\bdkim\\b|authentication (is )?(failed|failure|required|level)"
                            + "|unauthenticated|not authenticated|sender verify failed|sender address rejected"
                            + "|unroutable sender|domain of sender address|sender (address )?(is )?(in my )?black ?list"
                            + "|invalid sender|emetteur invalide|sender rejected|sender not pre-approved|bogus mail from"
                            + "|null sender is not allowed|mail from not owned|not rfc ?5322 compliant|not compliant"
                            + "|protocol violation|rate limit|unusual rate|receiving mail at a rate|too many (recipients"
                            + "|messages|connections|spam|emails|unwanted)|sent to too many|relay quota|sending quota"
                            + "|daily (sending )?limit|trop de connexions|slow down|spamhaus|spamcop|barracuda|abuseat"
                            + "|\\blisted (at|on|in|by|as)|blacklist|black list|blocklist|block list|denylist|reputation"
                            + "|banned|blocked using|blocked by|client host blocked|ip source bloquee"
                            + "|invalid ip for sending|not accepted from this ip|traffic not accepted|dynamic ip"
                            + "|your ip|your network|connection refused|go away|\\(bl\\)|service refuse"
                            + "|authentication credentials invalid|unauthenticated senders|verification failure"
                            + "|denied by policy|for policy reasons|local policy|organization(al)? (policy|settings)"
                            + "|closed mailing list|members-only list|not subscribed to this group|mass mailer"
                            + "|illegal attachment|executable files are not allowed|user reject|refuse(s)? to receive"
                            + "|recipient preferences|only accepting mail from|blocked by the recipient"
                            + "|receiving mail too quickly|frequency limited|too frequent|user complaints"
                            + "|temporarily deferred due to|connections? (will )?not (be )?accepted|\\[bl\\d+\\]"
                            + "|invalid domain name"),
            // a mailbox "temporarily suspended" will be back: not a suspended one
            new Rule(BounceReason.SUSPENDED, "suspended", "temporarily "),
            new Rule(
                    BounceReason.SUSPENDED,
                    "disabled|deactivated|inactive (account|mailbox|user)|account (is |has been )?(inactive|closed|locked"
                            + "|terminated|discontinued)|mailbox (is )?(inactive|disabled|closed|locked|frozen)"
                            + "|temporar(il)?y locked|user (is )?terminated|archived recipient|destinataire archivee"
                            + "|compte du destinataire est bloque|no longer (active|available|in use|accepts mail)"
                            + "|requested mailbox is unavailable"),
            new Rule(
                    BounceReason.HOST_UNKNOWN,
                    "host or domain name not found|domain (name )?not found|domain \\S+ (couldn't|could not) be found"
                            + "|nxdomain|no mx (record|host)|unrouteable (mail )?domain|unrouteable address"
                            + "|unknown host|host unknown|no such domain|domain does not exist|name service error"
                            + "|dns lookup failure|host \\S+ not found|couldn't find any host|could not find any host"
                            + "|does not accept mail|null mx|no such host|domain is not (valid|configured)"
                            + "|domain must exist|domain is not reachable|host unreachable|unknown domain"
                            + "|mail domain mentioned in email address is unknown|name or service not known"
                            + "|account or domain may not exist|unroutable address|no mx record found"
                            + "|no route for current request|mail receiving disabled"),
            new Rule(
                    BounceReason.USER_UNKNOWN,
                    "user unknown|unknown user|no such (user|mailbox|recipient|address|account|person)|does ?n[o']t exist"
                            + "|recipient ?not ?found|unknown (recipient|local ?part|address|mailbox|e-?mail address)"
                            + "|invalid (recipient|mailbox|address)|no mailbox here|mailbox not found|user not found"
                            + "|address(ee)? unknown|doesn't have an? \\S+ account|not a valid (recipient|mailbox|user)"
                            + "|recipient (address )?rejected: (user|unknown)|bad destination mailbox|bad recipient"
                            + "|mailbox unavailable|not a known user"
                            + "|utilisateur inconnu|destinataire invalide|adresse inconnue|unbekannt|existiert nicht"
                            + "|usuario desconocido|no existe|utente sconosciuto|inesistente|nessun utente"
                            + "|account that you tried to reach|no account by that name|not our customer"
                            + "|has moved|no longer valid|address invalid|invalid address|nonexistent user"
                            + "|check if (the )?address is correct|address couldn't be found|address could not be found"
                            + "|non-existent user|recipient unknown|user does not exist|ディレクトリ|存在しません"
                            + "|宛先不明|見つかりません|неизвестный|не существует"),
            new Rule(
                    BounceReason.MAILBOX_FULL,
                    "mailbox (is )?full|over ?quota|quota (exceeded|full|violation)|exceed(s|ed)? (the |its |his |her )?"
                            + "(storage |mailbox |disk )?quota|insufficient (system |disk )?(storage|space)|inbox is full"
                            + "|mailbox size limit|out of storage|full mailbox|mailbox has exceeded|mailbox is over"
                            + "|disk quota|mailfolder is full|too many messages on the server|space has been used up"
                            + "|no space left|not enough (disk |storage )?space|mailbox exceeds allowed size"
                            + "|exceeded storage allocation|destinataire pleine|too much mail data|postfach (ist )?voll"
                            + "|容量|ящик переполнен"),
            new Rule(
                    BounceReason.MESSAGE_TOO_LARGE,
                    "too (large|big)|size exceeds|exceeds (the )?(maximum |fixed )?(message )?size|message size"
                            + "|message length exceeds|size limit|message exceeds|line limit exceeded|taille limite"
                            + "|exceeds the maximum allowed|exceeded the maximum size|recipsizelimit"),
            new Rule(
                    BounceReason.EXPIRED,
                    "retry (timeout|time) exceeded|delivery time expired|time ?out expired|gave up|giving up"
                            + "|message (has )?expired|expired after|could not be delivered (with)?in"
                            + "|not (been )?delivered (with)?in|too many (retries|delivery attempts)"
                            + "|maximum (time|delivery attempts)|exceeded the maximum time|couldn't be delivered in"
                            + "|connection timed out|timed out|have been failing for a long time|could not find a gateway"
                            + "|did not accept our requests to connect|server did not respond|host not reachable"
                            + "|queue too long|delivery expired|no answer from host|after multiple retries"
                            + "|delivery failed \\d+ attempts|could not deliver for the last|envelope expired"
                            + "|was not reachable within|in the queue for|queue expired|could not be delivered for"),
            new Rule(
                    BounceReason.REJECTED_AS_SPAM,
                    "\\bspam\\b|unsolicited|junk mail|content presents a potential security issue"
                            + "|content (was )?rejected|message content|virus|malware|phishing|suspicious"
                            + "|mail rejete\\. mail rejected\\. (ofr|lpn|ouk)[-_]?\\d*506|bulk (e-?mail|mail)"
                            + "|content filter|message filtered|spam-like|unacceptable content|banned content"),
            new Rule(
                    BounceReason.BLOCKED,
                    "\\bpolicy\\b|access denied|not authori[sz]ed|restricted to|administrative prohibition"
                            + "|not allowed to (post|send)|not a member|you are not allowed"),
            // the receiving system's own trouble: a loop, its configuration, its disk, its queue
            new Rule(
                    BounceReason.OTHER,
                    "forwarding loop|mail loop|loops back to myself|loop was found|configuration error"
                            + "|local error in processing|queue file write error|service currently unavailable"
                            + "|temporary local problem|timeout waiting for input|internal (server )?error"
                            + "|interrupted system call|can't create user output file"));

    /** Words that only say the mail was refused. */
    static final Rule GENERIC = new Rule(BounceReason.BLOCKED, "\\bblocked\\b|refused|rejected|denied|reject\\b");

    private ReasonWords() {}

    /** The reason the specific words of a text tell, if any. */
    static Optional<BounceReason> specific(String text) {
        String folded = fold(text);
        return folded.isEmpty()
                ? Optional.empty()
                : SPECIFIC.stream()
                        .filter(r -> r.foundIn(folded))
                        .map(Rule::reason)
                        .findFirst();
    }

    /** Whether the text only says that the mail was refused. */
    static boolean refusal(String text) {
        return GENERIC.foundIn(fold(text));
    }

    /** Lower case, white space folded to single spaces, in one pass. */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder folded = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = folded.length() > 0;
            } else {
                if (space) {
                    folded.append(' ');
                    space = false;
                }
                folded.append(Character.toLowerCase(c));
            }
        }
        return folded.toString();
    }
}
