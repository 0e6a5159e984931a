package com.perfectwork.mail.web;

import com.perfectwork.mail.discussion.Attachment;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.MessageType;
import com.perfectwork.mail.discussion.Notification;
import com.perfectwork.mail.discussion.ThreadMessage;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.OutgoingMail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A record's thread as its page shows it: newest first, each failed delivery (the red envelope) with the queued
 * mail that Retry and Cancel act on, and a version that changes whenever anything shown changes, so that the
 * page's polling swaps the thread only when there is something new (and keeps an opened envelope open).
 */
@Component
class ChatterThread {

    /** Images a browser shows inline without any risk of script: these get a preview. */
    static final Set<String> PREVIEWED = Set.of("image/png", "image/jpeg", "image/gif", "image/webp");

    record Shown(List<ShownMessage> messages, String version) {}

    /** One failed copy of a message: to whom, why, and the queued mail behind it (null when none was queued). */
    record FailedDelivery(Notification notification, Long mailId) {}

    record ShownMessage(ThreadMessage message, List<FailedDelivery> failures) {

        /** The author's contact name, else the address the mail came from. */
        public String author() {
            if (message.authorName() != null && !message.authorName().isBlank()) {
                return message.authorName();
            }
            return message.emailFrom() != null ? message.emailFrom() : "Unknown sender";
        }

        public boolean receivedByEmail() {
            return message.type() == MessageType.EMAIL;
        }

        public boolean note() {
            return message.type() == MessageType.NOTE;
        }

        /** A received reply shows its new part; the whole mail, quoted history included, is folded behind "…". */
        public boolean folded() {
            return receivedByEmail()
                    && message.strippedText() != null
                    && !message.strippedText().isBlank();
        }

        public List<Attachment> images() {
            return message.attachments().stream()
                    .filter(a -> PREVIEWED.contains(a.mimetype()))
                    .toList();
        }

        public List<Attachment> files() {
            return message.attachments().stream()
                    .filter(a -> !PREVIEWED.contains(a.mimetype()))
                    .toList();
        }
    }

    private final Chatter chatter;
    private final MailQueue queue;

    ChatterThread(Chatter chatter, MailQueue queue) {
        this.chatter = chatter;
        this.queue = queue;
    }

    Shown of(long recordId) {
        List<ThreadMessage> thread = new ArrayList<>(chatter.thread(recordId));
        Collections.reverse(thread);
        List<ShownMessage> shown = thread.stream()
                .map(m -> new ShownMessage(m, m.deliveryFailed() ? failures(m) : List.of()))
                .toList();
        return new Shown(shown, version(thread));
    }

    /** Whether this queued mail is one of this record's messages: Retry and Cancel act on nothing else. */
    boolean belongs(long recordId, OutgoingMail mail) {
        return mail.chatterMessageId() != null
                && chatter.thread(recordId).stream().anyMatch(m -> m.id() == mail.chatterMessageId());
    }

    private List<FailedDelivery> failures(ThreadMessage message) {
        Map<Long, OutgoingMail> mails = queue.ofChatterMessage(message.id()).stream()
                .filter(mail -> mail.notificationId() != null)
                .collect(Collectors.toMap(OutgoingMail::notificationId, Function.identity(), (a, b) -> b));
        return message.notifications().stream()
                .filter(n -> n.status().failed())
                .map(n -> new FailedDelivery(
                        n, mails.containsKey(n.id()) ? mails.get(n.id()).id() : null))
                .toList();
    }

    /** The messages and every notification's state: a new message, a delivery failing or retried changes it. */
    private static String version(List<ThreadMessage> thread) {
        int states = Objects.hash(thread.stream()
                .map(m -> m.id() + ":"
                        + m.notifications().stream()
                                .map(n -> n.id() + n.status().name())
                                .collect(Collectors.joining(",")))
                .toList());
        return thread.size() + "-" + Integer.toHexString(states);
    }
}
