package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.Attachment;
import com.perfectwork.mail.discussion.AttachmentTooLargeException;
import com.perfectwork.mail.discussion.Attachments;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.MessageType;
import com.perfectwork.mail.discussion.NewAttachment;
import com.perfectwork.mail.discussion.PostCommand;
import com.perfectwork.mail.discussion.RecordAccess;
import com.perfectwork.mail.discussion.ThreadMessage;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A record's thread: post a comment or a note, read the messages oldest first. Only on a record the caller may open
 * ({@link RecordAccess}); a user posts as themselves, another {@code authorPartnerId} is for administrators (403).
 */
@RestController
@RequestMapping("/api/records/{recordId}/messages")
class MessageController {

    record AttachmentRequest(String name, String mimetype, String contentBase64) {}

    record PostRequest(
            String body,
            String subject,
            Long authorPartnerId,
            String type,
            List<Long> partnerIds,
            List<AttachmentRequest> attachments) {}

    /** {@code channel}: {@code email}, or {@code inbox} (then {@code status} is {@code sent}: delivered when stored). */
    record NotificationResponse(
            long partnerId, String email, String status, String failureType, String failureReason, String channel) {}

    record MessageResponse(
            long id,
            String type,
            Long authorPartnerId,
            String authorName,
            String emailFrom,
            String subject,
            String body,
            String strippedText,
            String messageId,
            Instant createdAt,
            List<Attachment> attachments,
            List<NotificationResponse> notifications,
            boolean deliveryFailed,
            List<Long> recipientPartnerIds) {

        static MessageResponse of(ThreadMessage m) {
            return new MessageResponse(
                    m.id(),
                    lower(m.type()),
                    m.authorPartnerId(),
                    m.authorName(),
                    m.emailFrom(),
                    m.subject(),
                    m.body(),
                    m.strippedText(),
                    m.messageId(),
                    m.createdAt(),
                    m.attachments(),
                    m.notifications().stream()
                            .map(n -> new NotificationResponse(
                                    n.partnerId(),
                                    n.email(),
                                    lower(n.status()),
                                    n.failureType(),
                                    n.failureReason(),
                                    n.channel()))
                            .toList(),
                    m.deliveryFailed(),
                    m.recipientPartnerIds());
        }
    }

    private final Chatter chatter;
    private final Attachments attachments;
    private final RecordAccess access;

    MessageController(Chatter chatter, Attachments attachments, RecordAccess access) {
        this.chatter = chatter;
        this.attachments = attachments;
        this.access = access;
    }

    @PostMapping
    ResponseEntity<MessageResponse> post(
            @PathVariable long recordId,
            @RequestBody PostRequest request,
            @AuthenticationPrincipal CurrentUser caller) {
        access.open(recordId, caller.viewer());
        PostCommand command = new PostCommand(
                recordId,
                type(request.type()),
                request.subject(),
                request.body(),
                access.author(request.authorPartnerId(), caller.viewer()),
                request.partnerIds(),
                decode(request.attachments()));
        ThreadMessage posted = chatter.post(command);
        return ResponseEntity.created(URI.create("/api/records/" + recordId + "/messages/" + posted.id()))
                .body(MessageResponse.of(posted));
    }

    @GetMapping
    List<MessageResponse> thread(@PathVariable long recordId, @AuthenticationPrincipal CurrentUser caller) {
        access.open(recordId, caller.viewer());
        return chatter.thread(recordId).stream().map(MessageResponse::of).toList();
    }

    private static MessageType type(String type) {
        if (type == null) {
            return MessageType.COMMENT;
        }
        return switch (type) {
            case "comment" -> MessageType.COMMENT;
            case "note" -> MessageType.NOTE;
            default -> throw new InvalidInputException("type", "must be comment or note");
        };
    }

    /** Refuses an attachment over the limit from its encoded length, before decoding it. */
    private List<NewAttachment> decode(List<AttachmentRequest> requests) {
        List<NewAttachment> decoded = new ArrayList<>();
        for (int i = 0; requests != null && i < requests.size(); i++) {
            AttachmentRequest request = requests.get(i);
            if (request == null || request.contentBase64() == null) {
                throw new InvalidInputException("attachments[" + i + "].contentBase64", "is required");
            }
            long approximateSize = request.contentBase64().length() / 4L * 3L;
            if (approximateSize > attachments.maxSize() + 3) {
                throw new AttachmentTooLargeException(
                        String.valueOf(request.name()), approximateSize, DataSize.ofBytes(attachments.maxSize()));
            }
            try {
                decoded.add(new NewAttachment(
                        request.name(),
                        request.mimetype(),
                        Base64.getMimeDecoder().decode(request.contentBase64())));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException(
                        "attachments[" + i + "].contentBase64", "is not valid base64: " + e.getMessage());
            }
        }
        return decoded;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
