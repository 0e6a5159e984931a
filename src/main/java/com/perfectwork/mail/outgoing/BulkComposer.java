package com.perfectwork.mail.outgoing;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Composes one mass mail from its bulk message's template and its recipient's token: multipart/alternative of the
 * text and the HTML, the unsubscribe headers of RFC 2369 and RFC 8058, {@code Precedence: bulk}, and the
 * Message-ID that carries the token ({@link com.perfectwork.mail.core.MassMailMessageId}). Not {@code Auto-Submitted}: a mass mail is sent on
 * a person's behalf (RFC 3834 section 5), and its replies are wanted.
 */
final class BulkComposer {

    private BulkComposer() {}

    static NotificationMail compose(
            BulkTemplate template,
            String token,
            String messageId,
            InternetAddress from,
            InternetAddress to,
            InternetAddress replyTo,
            Instant now)
            throws MessagingException {
        NotificationMail mail = new NotificationMail(
                NotificationComposer.BUILDER,
                messageId,
                SplicedBody.canSplice(token)
                        ? template.body().with(token)
                        : NotificationComposer.encode(
                                template.text().with(token), template.html().with(token), List.of()));
        mail.setFrom(from);
        mail.setRecipient(Message.RecipientType.TO, to);
        if (replyTo != null) {
            mail.setReplyTo(new InternetAddress[] {replyTo});
        }
        mail.setSubject(template.subject(), "UTF-8");
        mail.setHeader("Date", DateHeader.of(now));
        for (Map.Entry<String, BulkTemplate.Text> header : template.headers().entrySet()) {
            mail.setHeader(header.getKey(), header.getValue().with(token));
        }
        if (template.listUnsubscribe() != null) {
            mail.setHeader("List-Unsubscribe", template.listUnsubscribe().with(token));
        }
        if (template.oneClick()) {
            // RFC 8058: the URL unsubscribes with one POST, without a page to confirm
            mail.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        mail.setHeader("Precedence", "bulk");
        mail.saveChanges();
        return mail;
    }
}
