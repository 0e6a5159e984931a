package com.perfectwork.mail.api;

import com.perfectwork.mail.bounce.BounceReport;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.deliverability.SenderAuthentication;
import com.perfectwork.mail.inbound.InboundLog;
import com.perfectwork.mail.inbound.InboundMail;
import com.perfectwork.mail.inbound.InboundOutcome;
import com.perfectwork.mail.inbound.InboundPipeline;
import com.perfectwork.mail.inbound.InboundResult;
import com.perfectwork.mail.inbound.MailSource;
import com.perfectwork.mail.inbound.MailTooLargeException;
import com.perfectwork.mail.storage.FilestoreWriteException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The HTTP gateway ({@code POST /api/inbound}, a raw message as {@code message/rfc822}, for an MTA's pipe) and
 * the inbound log (admin): what was received, what became of it, its raw bytes, retry of a failed one.
 */
@RestController
class InboundController {

    record ResultResponse(
            String outcome,
            String model,
            Long recordId,
            Long messageId,
            String reason,
            BounceResponse bounce,
            long logId) {
        static ResultResponse of(InboundResult r) {
            return new ResultResponse(
                    r.outcome().code(),
                    r.model(),
                    r.recordId(),
                    r.messageId(),
                    r.reason(),
                    r.bounce() == null ? null : BounceResponse.of(r.bounce()),
                    r.logId());
        }
    }

    /**
     * What a bounce was understood as; {@code email} the failed recipient, {@code mailId} the mail it is for,
     * {@code attributed} whether it is proven to be about a mail sent to that address (only then did it act).
     */
    record BounceResponse(
            String email,
            String statusCode,
            String reason,
            boolean hard,
            boolean complaint,
            Long mailId,
            boolean attributed) {
        static BounceResponse of(BounceReport b) {
            return new BounceResponse(
                    b.email(), b.statusCode(), b.reason().code(), b.hard(), b.complaint(), b.mailId(), b.attributed());
        }
    }

    record LogResponse(
            long id,
            Instant receivedAt,
            String source,
            String messageIdHeader,
            String from,
            String subject,
            String outcome,
            String reason,
            String model,
            Long recordId,
            Long messageId,
            int attempts,
            long size,
            String errorDetail,
            AuthenticationResponse authentication) {
        static LogResponse of(InboundMail m) {
            return new LogResponse(
                    m.id(),
                    m.receivedAt(),
                    m.source(),
                    m.messageIdHeader(),
                    m.from(),
                    m.subject(),
                    m.outcome().code(),
                    m.reason(),
                    m.model(),
                    m.recordId(),
                    m.chatterMessageId(),
                    m.attempts(),
                    m.size(),
                    m.errorDetail(),
                    m.authentication() == null ? null : AuthenticationResponse.of(m.authentication()));
        }
    }

    /**
     * The sender checks of a received mail (null for one logged before the server checked senders): {@code results}
     * as an Authentication-Results header writes them, the DMARC verdict ({@code pass}, {@code fail}, {@code none},
     * {@code temperror}, {@code permerror}, or {@code off} when the checks are turned off), the From domain's policy,
     * and the From domain when SPF or DKIM passed aligned with it.
     */
    record AuthenticationResponse(String results, String dmarc, String dmarcPolicy, String authenticatedDomain) {
        static AuthenticationResponse of(SenderAuthentication a) {
            return new AuthenticationResponse(a.results(), a.dmarc().word(), a.dmarcPolicy(), a.authenticatedDomain());
        }
    }

    private final InboundPipeline pipeline;
    private final InboundLog inboundLog;

    InboundController(InboundPipeline pipeline, InboundLog inboundLog) {
        this.pipeline = pipeline;
        this.inboundLog = inboundLog;
    }

    /**
     * {@code message/rfc822} only (anything else: 415): {@code text/plain} is what a form of another site can send, and
     * a mail is what this takes.
     */
    @PostMapping(path = SecurityConfiguration.INBOUND, consumes = "message/rfc822")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "One raw RFC 5322 message.",
            content = @Content(mediaType = "message/rfc822", schema = @Schema(type = "string", format = "binary")))
    ResultResponse receive(InputStream body) throws IOException {
        // the body streams to the filestore as it arrives: a mail of any size never needs the heap
        PushbackInputStream raw = new PushbackInputStream(body);
        int first = raw.read();
        if (first < 0) {
            throw new InvalidInputException("body", "a raw RFC 5322 message is required");
        }
        raw.unread(first);
        try {
            return ResultResponse.of(pipeline.receive(raw, MailSource.HTTP));
        } catch (MailTooLargeException | FilestoreWriteException e) {
            // read the rest, so that the client gets the 413 (503) rather than a connection closed while it sends
            raw.transferTo(OutputStream.nullOutputStream());
            throw e;
        }
    }

    @GetMapping("/api/inbound-log")
    List<LogResponse> list(
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return inboundLog.list(outcome(outcome), paging.offset(), paging.limit()).stream()
                .map(LogResponse::of)
                .toList();
    }

    @GetMapping("/api/inbound-log/{id}")
    LogResponse get(@PathVariable long id) {
        return LogResponse.of(inboundLog.find(id).orElseThrow(() -> new UnknownIdException("received mail", id)));
    }

    @GetMapping("/api/inbound-log/{id}/raw")
    ResponseEntity<StreamingResponseBody> raw(@PathVariable long id) throws java.io.IOException {
        InputStream in = pipeline.open(id);
        StreamingResponseBody body = out -> {
            try (in) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"mail-" + id + ".eml\"")
                .body(body);
    }

    @PostMapping("/api/inbound-log/{id}/retry")
    ResultResponse retry(@PathVariable long id) {
        return ResultResponse.of(pipeline.retry(id));
    }

    private static InboundOutcome outcome(String outcome) {
        if (outcome == null) {
            return null;
        }
        try {
            return InboundOutcome.valueOf(outcome.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    "outcome",
                    "must be one of received, posted, created, bounce, rejected, dropped, duplicate, failed");
        }
    }
}
