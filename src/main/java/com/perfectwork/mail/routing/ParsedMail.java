package com.perfectwork.mail.routing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.AttachmentContent;
import java.time.Instant;
import java.util.List;

/**
 * A received mail as routing and posting need it. {@code html} is the HTML body as received (sanitized
 * when posted), or the text body escaped into HTML when the mail has no HTML part; {@code text} is the
 * plain text (the text part, else the HTML's text).
 */
public record ParsedMail(
        String messageId,
        boolean messageIdGenerated,
        EmailAddress from,
        List<EmailAddress> recipients,
        String subject,
        Instant date,
        List<String> references,
        String contentType,
        String html,
        String text,
        List<Part> attachments,
        boolean autoReply) {

    /**
     * An attachment or inline part; {@code content} opens its decoded bytes, read from the stored mail only when
     * the part is stored (valid while the mail is being processed); {@code contentId} without its angle
     * brackets, or null.
     */
    public record Part(String name, String mimetype, AttachmentContent.InputStreamSource content, String contentId) {}

    /** In-Reply-To and References, newest first, as replies name their ancestors. */
    public List<String> ancestors() {
        return references;
    }
}
