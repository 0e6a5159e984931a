package com.perfectwork.mail.inbound;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a received mail came from, handed by each receiver and fetcher to {@link InboundPipeline}. The inbound log
 * keeps it as a word ({@link #stored()}: {@code http}, {@code smtp}, {@code lmtp}, {@code imap:3}, {@code pop3:3}),
 * which the API and the Incoming Log show as it is; {@link #of} reads it back for a mail processed again. Both ways
 * are written here only, so that the words of the entries already stored never change.
 */
public sealed interface MailSource {

    /** Posted raw to {@code POST /api/inbound} by an MTA. */
    MailSource HTTP = new Http();
    /** Taken by the SMTP receiver. */
    MailSource SMTP = new Smtp();
    /** Taken by the LMTP receiver. */
    MailSource LMTP = new Lmtp();

    /** The word the inbound log keeps. */
    String stored();

    /** Fetched from the mailbox of an incoming server, over its protocol. */
    static MailSource fetched(IncomingServer server) {
        return new Fetched(server.id(), Protocol.valueOf(server.protocol().toUpperCase(Locale.ROOT)));
    }

    /** The source an inbound log entry names. */
    static MailSource of(String stored) {
        Matcher fetched = Fetched.WORD.matcher(stored);
        if (fetched.matches()) {
            return new Fetched(
                    Long.parseLong(fetched.group(2)),
                    Protocol.valueOf(fetched.group(1).toUpperCase(Locale.ROOT)));
        }
        for (MailSource known : new MailSource[] {HTTP, SMTP, LMTP}) {
            if (known.stored().equals(stored)) {
                return known;
            }
        }
        return new Other(stored);
    }

    /** The protocols an incoming server is fetched over. */
    enum Protocol {
        IMAP,
        POP3;

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    record Http() implements MailSource {
        @Override
        public String stored() {
            return "http";
        }
    }

    record Smtp() implements MailSource {
        @Override
        public String stored() {
            return "smtp";
        }
    }

    record Lmtp() implements MailSource {
        @Override
        public String stored() {
            return "lmtp";
        }
    }

    /** Fetched from incoming server {@code serverId}, whose fallback model routing may use. */
    record Fetched(long serverId, Protocol protocol) implements MailSource {

        /** Its word: the protocol, then the incoming server's id. */
        private static final Pattern WORD = Pattern.compile("(imap|pop3):(\\d+)");

        @Override
        public String stored() {
            return protocol.word() + ":" + serverId;
        }
    }

    /**
     * A word this version does not know, read from an entry another version wrote: kept as it was, and no incoming
     * server's, so that processing such a mail again behaves as it did when the word was parsed on the way.
     */
    record Other(String stored) implements MailSource {}
}
