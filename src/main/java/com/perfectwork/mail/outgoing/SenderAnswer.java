package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.core.EmailAddress;
import java.util.List;

/**
 * An answer to the sender of a received mail that could not be taken (sent to the catchall only, refused by an
 * alias's contact policy, part of a loop). It goes from {@code "MAILER-DAEMON" <bounce@alias domain>}, quotes the
 * original, and names it in In-Reply-To and References; {@code extraReferences} adds markers (the loop marker,
 * whose replies are then ignored).
 *
 * @param original the received mail's Message-ID
 * @param quoted the received mail's text, quoted below the answer
 */
public record SenderAnswer(
        EmailAddress to,
        String subject,
        String body,
        String original,
        List<String> originalReferences,
        List<String> extraReferences,
        String quoted) {}
