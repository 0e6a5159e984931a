package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.inbound.InboundLog;
import com.perfectwork.mail.inbound.InboundMail;
import com.perfectwork.mail.inbound.InboundOutcome;
import com.perfectwork.mail.inbound.InboundPipeline;
import com.perfectwork.mail.inbound.InboundResult;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Settings ‣ Technical ‣ Email ‣ Incoming Log: every received mail and what became of it, filtered by outcome
 * and searched by sender or subject;
 * a mail's page with where it went, its error and stack trace when it failed, its raw bytes as a {@code .eml}
 * file, and Retry for a failed one (the pipeline's rule: only a failed or never processed mail).
 */
@Controller
@RequestMapping(IncomingLogController.PATH)
class IncomingLogController {

    static final String PATH = "/web/technical/incoming-log";

    /** The outcomes an administrator filters on; {@code received} (a crash before processing) is rare, listed last. */
    static final List<InboundOutcome> OUTCOMES = List.of(
            InboundOutcome.POSTED,
            InboundOutcome.CREATED,
            InboundOutcome.BOUNCE,
            InboundOutcome.REJECTED,
            InboundOutcome.DROPPED,
            InboundOutcome.DUPLICATE,
            InboundOutcome.FAILED,
            InboundOutcome.RECEIVED);

    private final InboundLog inboundLog;
    private final InboundPipeline pipeline;

    IncomingLogController(InboundLog inboundLog, InboundPipeline pipeline) {
        this.inboundLog = inboundLog;
        this.pipeline = pipeline;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer page,
            Model model) {
        InboundOutcome chosen = outcome(outcome);
        String searched = search == null ? "" : search.strip();
        if (chosen == null && outcome != null && !outcome.isBlank()) {
            model.addAttribute("outcomeError", "Not an outcome of the log: showing every outcome.");
        }
        model.addAttribute("outcome", chosen);
        model.addAttribute("search", searched);
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(PATH)
                        .queryParam("outcome", chosen == null ? "" : chosen.code())
                        .queryParam("search", searched)
                        .encode()
                        .toUriString());
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute(
                "page", ListPage.of(page, (offset, limit) -> inboundLog.search(chosen, searched, offset, limit)));
        return "technical/incoming-log";
    }

    @GetMapping("/{id}")
    String mail(@PathVariable long id, Model model) {
        model.addAttribute("mail", require(id));
        return "technical/incoming-mail";
    }

    /** The bytes as they were received, streamed from the store (and closed) as the answer is written. */
    @GetMapping("/{id}/raw")
    ResponseEntity<InputStreamResource> raw(@PathVariable long id) throws IOException {
        InputStreamResource body = new InputStreamResource(pipeline.open(id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("message/rfc822"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("received-mail-" + id + ".eml")
                                .build()
                                .toString())
                .body(body);
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        try {
            InboundResult result = pipeline.retry(id);
            redirect.addFlashAttribute("flash", answer(result));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error("Not retried: " + e.getMessage() + "."));
        }
        return "redirect:" + PATH + "/" + id;
    }

    private static Flash answer(InboundResult result) {
        String reason = result.reason() == null ? "" : ": " + result.reason();
        return result.outcome() == InboundOutcome.FAILED
                ? Flash.error("Processed again, and it failed again" + reason)
                : Flash.ok("Processed again: " + result.outcome().code() + reason);
    }

    private InboundMail require(long id) {
        return inboundLog.find(id).orElseThrow(() -> new UnknownIdException("received mail", id));
    }

    private static InboundOutcome outcome(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        for (InboundOutcome candidate : InboundOutcome.values()) {
            if (candidate.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                return candidate;
            }
        }
        return null;
    }
}
