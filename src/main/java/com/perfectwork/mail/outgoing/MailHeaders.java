package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import jakarta.mail.internet.InternetAddress;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.util.regex.Pattern;

/**
 * Header values that cannot inject a header: CR, LF and other control characters in names and
 * subjects are folded to spaces before Jakarta Mail encodes them (RFC 2047 for non-ASCII), and
 * internationalized domains are written in their ASCII (punycode) form.
 */
final class MailHeaders {

    static final int MAX_REPLY_TO_NAME = 68;

    private static final Pattern CONTROLS = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");

    private MailHeaders() {}

    /** One line of text: control characters (CR, LF, TAB…) become spaces, runs of spaces one. */
    static String oneLine(String text) {
        return text == null
                ? ""
                : SPACES.matcher(CONTROLS.matcher(text).replaceAll(" "))
                        .replaceAll(" ")
                        .strip();
    }

    static InternetAddress address(EmailAddress address) {
        return address(address.displayName(), address.address());
    }

    static InternetAddress address(String name, String address) {
        String ascii = asciiDomain(address);
        try {
            String cleanName = oneLine(name);
            return cleanName.isEmpty() ? new InternetAddress(ascii) : new InternetAddress(ascii, cleanName, "UTF-8");
        } catch (UnsupportedEncodingException | jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("not an address: " + address, e);
        }
    }

    /** {@code user@bücher.example} → {@code user@xn--bcher-kva.example}; ASCII addresses unchanged. */
    static String asciiDomain(String address) {
        int at = address.lastIndexOf('@');
        String domain = address.substring(at + 1);
        return address.substring(0, at + 1) + IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED);
    }

    /**
     * Reply-To of a notification: the record's alias when it has one; else the catchall address named
     * "{company} {record}" (the record alone when that is over 68 characters, no name when it still is);
     * else the author, when there is no catchall domain to reply to.
     */
    static InternetAddress replyTo(
            String aliasEmail, String catchall, String companyName, String recordName, EmailAddress author) {
        if (aliasEmail != null) {
            return address(oneLine(companyName + " " + recordName), aliasEmail);
        }
        if (catchall != null) {
            String full = oneLine(companyName + " " + recordName);
            String record = oneLine(recordName);
            String name =
                    full.length() <= MAX_REPLY_TO_NAME ? full : record.length() <= MAX_REPLY_TO_NAME ? record : null;
            return address(name, catchall);
        }
        return author == null ? null : address(author);
    }
}
