package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.mailing.Mailing;
import com.perfectwork.mail.mailing.MailingDraft;
import com.perfectwork.mail.mailing.MailingProgress;
import com.perfectwork.mail.mailing.MailingReports;
import com.perfectwork.mail.mailing.MailingSender;
import com.perfectwork.mail.mailing.MailingSeries;
import com.perfectwork.mail.mailing.MailingState;
import com.perfectwork.mail.mailing.MailingStats;
import com.perfectwork.mail.mailing.MailingTrace;
import com.perfectwork.mail.mailing.MailingTraces;
import com.perfectwork.mail.mailing.Mailings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailings (administrators and marketing users): written while a draft (409 after), then tested, sent, scheduled,
 * canceled; their traces (one per recipient), progress, statistics and series.
 */
@RestController
@RequestMapping("/api/mailings")
class MailingController {

    /** Either {@code listIds}, or {@code model} (and {@code recordIds} to keep some of its records). */
    record Recipients(List<Long> listIds, String model, List<Long> recordIds) {}

    record MailingRequest(
            String subject,
            String previewText,
            String body,
            String emailFrom,
            String replyTo,
            Recipients recipients,
            Long mailServerId,
            Boolean tracking) {

        MailingDraft draft() {
            Recipients to = recipients == null ? new Recipients(null, null, null) : recipients;
            return new MailingDraft(
                    subject,
                    previewText,
                    body,
                    emailFrom,
                    replyTo,
                    to.listIds(),
                    to.model(),
                    to.recordIds(),
                    mailServerId,
                    tracking);
        }
    }

    record MailingResponse(
            long id,
            String subject,
            String previewText,
            String body,
            String emailFrom,
            String replyTo,
            Recipients recipients,
            Long mailServerId,
            boolean tracking,
            Instant scheduledAt,
            String state,
            Instant sentAt,
            Instant doneAt,
            MailingProgress progress,
            MailingStats stats) {}

    record TestRequest(List<String> emails) {}

    record TestResponse(int queued) {}

    record ScheduleRequest(Instant at) {}

    record TraceResponse(
            String email,
            String state,
            String exclusion,
            String failureReason,
            Instant sentAt,
            Instant openedAt,
            Instant clickedAt,
            Instant repliedAt,
            Instant unsubscribedAt) {
        static TraceResponse of(MailingTrace trace) {
            return new TraceResponse(
                    trace.email(),
                    trace.state(),
                    trace.exclusion(),
                    trace.failureReason(),
                    trace.sentAt(),
                    trace.openedAt(),
                    trace.clickedAt(),
                    trace.repliedAt(),
                    trace.unsubscribedAt());
        }
    }

    private final Mailings mailings;
    private final MailingSender sender;
    private final MailingTraces traces;
    private final MailingReports reports;

    MailingController(Mailings mailings, MailingSender sender, MailingTraces traces, MailingReports reports) {
        this.mailings = mailings;
        this.sender = sender;
        this.traces = traces;
        this.reports = reports;
    }

    @PostMapping
    ResponseEntity<MailingResponse> create(
            @RequestBody MailingRequest request, @AuthenticationPrincipal CurrentUser caller) {
        Mailing mailing = mailings.create(request.draft(), caller.getUsername());
        return ResponseEntity.created(URI.create("/api/mailings/" + mailing.id()))
                .body(response(mailing));
    }

    @GetMapping
    List<MailingResponse> list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return mailings.list(paging.offset(), paging.limit(), state(state), search).stream()
                .map(this::response)
                .toList();
    }

    @GetMapping("/{id}")
    MailingResponse get(@PathVariable long id) {
        return response(mailings.require(id));
    }

    /** 409 unless the mailing is a draft. */
    @PutMapping("/{id}")
    MailingResponse update(@PathVariable long id, @RequestBody MailingRequest request) {
        return response(mailings.update(id, request.draft()));
    }

    /** 409 while it is scheduled or sending: cancel it first. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        mailings.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Queues the mailing as it is now to these addresses (no trace, its links lead nowhere). */
    @PostMapping("/{id}/test")
    TestResponse test(@PathVariable long id, @RequestBody TestRequest request) {
        return new TestResponse(sender.test(id, request.emails()));
    }

    /** Queues the mailing to its recipients now; answers once every mail is queued. 409 unless draft or scheduled. */
    @PostMapping("/{id}/send")
    MailingResponse send(@PathVariable long id) {
        return response(sender.send(id));
    }

    /** The scheduled action "Email Marketing: Send scheduled mailings" sends it once {@code at} has come. */
    @PostMapping("/{id}/schedule")
    MailingResponse schedule(@PathVariable long id, @RequestBody ScheduleRequest request) {
        return response(mailings.schedule(id, request.at()));
    }

    /** Stops a scheduled or sending mailing: its mails still queued are canceled. 409 otherwise. */
    @PostMapping("/{id}/cancel")
    MailingResponse cancel(@PathVariable long id) {
        return response(sender.cancel(id));
    }

    /** One per recipient, by id; {@code state}: queued, sent, bounced, failed, canceled or excluded. */
    @GetMapping("/{id}/traces")
    List<TraceResponse> traces(
            @PathVariable long id,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        mailings.require(id);
        Paging paging = new Paging(offset, limit);
        return traces.list(id, state, paging.offset(), paging.limit()).stream()
                .map(TraceResponse::of)
                .toList();
    }

    /** Mails sent, first opens and first clicks per step of time since the mailing started, for a chart. */
    @GetMapping("/{id}/series")
    MailingSeries series(@PathVariable long id) {
        return reports.series(id);
    }

    private MailingResponse response(Mailing mailing) {
        Recipients recipients = mailing.toFollowers()
                ? new Recipients(null, mailing.model(), mailing.recordIds())
                : new Recipients(mailing.listIds(), null, null);
        return new MailingResponse(
                mailing.id(),
                mailing.subject(),
                mailing.previewText(),
                mailing.body(),
                mailing.emailFrom(),
                mailing.replyTo(),
                recipients,
                mailing.mailServerId(),
                mailing.tracking(),
                mailing.scheduledAt(),
                mailing.state().code(),
                mailing.sentAt(),
                mailing.doneAt(),
                reports.progress(mailing.id()),
                reports.stats(mailing.id()));
    }

    private static MailingState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return MailingState.valueOf(state.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("state", "must be draft, scheduled, sending, done or canceled");
        }
    }
}
