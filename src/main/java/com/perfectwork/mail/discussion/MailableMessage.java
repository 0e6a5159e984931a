package com.perfectwork.mail.discussion;

import java.util.List;

/**
 * What a notification mail is made of: the message, its author, its record, the Message-ID of the
 * thread's first message (for In-Reply-To/References) and the attachments (contents opened on demand).
 * {@code bodyText} is a received mail's own text, or null (a comment: its text is made from its HTML).
 */
public record MailableMessage(
        long id,
        long recordId,
        String recordModel,
        String recordName,
        Long authorPartnerId,
        String authorName,
        String authorEmail,
        String subject,
        String body,
        String bodyText,
        String messageIdHeader,
        String parentMessageIdHeader,
        List<AttachmentContent> attachments) {}
