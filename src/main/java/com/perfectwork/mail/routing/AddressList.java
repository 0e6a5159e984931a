package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The addresses of an address header (From, To, Cc, Delivered-To…), read leniently by Jakarta Mail, within bounds:
 * the first {@link #MAX_ADDRESSES} valid addresses of the first {@link #MAX_LENGTH} characters. Jakarta Mail's
 * lenient parser goes back over the rest of the header for every unclosed {@code <} or {@code (}, which makes a long
 * broken header cost its length squared: it is given the header in pieces of at most {@link #PIECE} characters, cut
 * at commas outside quoted strings, so that such a header costs its length times a piece's.
 */
final class AddressList {

    /** Addresses read from one header; routing looks each up. */
    static final int MAX_ADDRESSES = 100;
    /** Characters of a header read: a hundred addresses with their names fit in far less. */
    static final int MAX_LENGTH = 64 * 1024;
    /** The longest piece given to the parser at once; a longer address is cut, and not valid anyway. */
    static final int PIECE = 2048;

    private AddressList() {}

    static List<EmailAddress> read(String header) {
        List<EmailAddress> list = new ArrayList<>();
        if (header == null) {
            return list;
        }
        String text = header.length() <= MAX_LENGTH ? header : header.substring(0, MAX_LENGTH);
        int start = 0;
        while (start < text.length() && list.size() < MAX_ADDRESSES) {
            int end = pieceEnd(text, start);
            parse(text.substring(start, end), list);
            start = end;
        }
        return list.size() <= MAX_ADDRESSES ? list : list.subList(0, MAX_ADDRESSES);
    }

    /**
     * Where the piece starting at {@code start} ends: after the last comma outside a quoted string within
     * {@link #PIECE} characters, else after {@link #PIECE} characters (a header that long without such a comma is
     * broken), else at the end.
     */
    private static int pieceEnd(String text, int start) {
        int limit = Math.min(text.length(), start + PIECE);
        if (limit == text.length()) {
            return limit;
        }
        int cut = -1;
        boolean quoted = false;
        for (int i = start; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cut = i + 1;
            }
        }
        return cut > start ? cut : limit;
    }

    private static void parse(String piece, List<EmailAddress> list) {
        try {
            for (Address address : InternetAddress.parseHeader(piece, false)) {
                if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                    EmailAddress.tryParse(internet.toUnicodeString()).ifPresent(list::add);
                }
            }
        } catch (MessagingException e) {
            // an unreadable piece counts as no address
        }
    }
}
