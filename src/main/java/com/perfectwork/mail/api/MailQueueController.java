package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.MailState;
import com.perfectwork.mail.outgoing.OutgoingMail;
import com.perfectwork.mail.outgoing.PassReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The mail queue (admin): what waits, what went, what failed and why; retry, cancel, process now. */
@RestController
@RequestMapping("/api/mail-queue")
class MailQueueController {

    record MailResponse(
            long id,
            String state,
            String emailFrom,
            String emailTo,
            String subject,
            Long mailServerId,
            int attempts,
            String failureType,
            String failureReason,
            Instant scheduledAt,
            Instant sentAt,
            String messageIdHeader,
            String envelopeFrom,
            String smtpReply,
            String serverRule,
            Long notificationId) {

        static MailResponse of(OutgoingMail m) {
            return new MailResponse(
                    m.id(),
                    m.state().code(),
                    m.emailFrom(),
                    m.emailTo(),
                    m.subject(),
                    m.mailServerId(),
                    m.attempts(),
                    m.failureType(),
                    m.failureReason(),
                    m.scheduledAt(),
                    m.sentAt(),
                    m.messageIdHeader(),
                    m.envelopeFrom(),
                    m.smtpReply(),
                    m.serverRule(),
                    m.notificationId());
        }
    }

    private final MailQueue queue;

    MailQueueController(MailQueue queue) {
        this.queue = queue;
    }

    @GetMapping
    List<MailResponse> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return queue.list(state(state), paging.offset(), paging.limit()).stream()
                .map(MailResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    MailResponse get(@PathVariable long id) {
        return MailResponse.of(queue.require(id));
    }

    @PostMapping("/process")
    PassReport process() {
        return queue.process();
    }

    @PostMapping("/{id}/retry")
    MailResponse retry(@PathVariable long id) {
        return MailResponse.of(queue.retry(id));
    }

    @PostMapping("/{id}/cancel")
    MailResponse cancel(@PathVariable long id) {
        return MailResponse.of(queue.cancel(id));
    }

    private static MailState state(String state) {
        if (state == null) {
            return null;
        }
        try {
            return MailState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "must be outgoing, sent, exception, cancel or bounce");
        }
    }
}
