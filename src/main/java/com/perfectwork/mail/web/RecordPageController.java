package com.perfectwork.mail.web;

import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.AttachmentContent;
import com.perfectwork.mail.discussion.Attachments;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Inbox;
import com.perfectwork.mail.discussion.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A record's page: its chatter (composer, followers, the thread newest first) and its attachments. The thread is
 * also a fragment that the page polls: unchanged, it answers 204 and htmx leaves the page alone.
 */
@Controller
@RequestMapping(RecordsController.PATH + "/{model}/{id}")
class RecordPageController {

    private final PageAccess access;
    private final RecordPage recordPage;
    private final ChatterThread thread;
    private final Attachments attachments;
    private final Inbox inbox;
    private final PageFrame frame;

    RecordPageController(
            PageAccess access,
            RecordPage recordPage,
            ChatterThread thread,
            Attachments attachments,
            Inbox inbox,
            PageFrame frame) {
        this.access = access;
        this.inbox = inbox;
        this.frame = frame;
        this.recordPage = recordPage;
        this.thread = thread;
        this.attachments = attachments;
    }

    @GetMapping
    String page(@PathVariable String model, @PathVariable long id, HttpServletRequest request, Model page) {
        Viewer viewer = access.viewer(request);
        BusinessRecord record = access.open(model, id, viewer);
        // opening the record shows its messages: they are read, as in Discuss, and the menu's counter says so
        if (inbox.markRecordRead(viewer.partnerId(), record.id()) > 0) {
            page.addAttribute("frame", frame.frame(request));
        }
        return recordPage.show(page, record, Map.of(), Map.of());
    }

    @GetMapping("/thread")
    Object threadFragment(
            @PathVariable String model,
            @PathVariable long id,
            @RequestParam(name = "version", required = false) String version,
            HttpServletRequest request,
            Model page) {
        BusinessRecord record = access.open(model, id, access.viewer(request));
        ChatterThread.Shown shown = thread.of(record.id());
        if (shown.version().equals(version)) {
            return ResponseEntity.noContent().build();
        }
        page.addAttribute("record", record);
        page.addAttribute("recordPath", RecordPage.path(record));
        page.addAttribute("thread", shown);
        return "records/record :: thread";
    }

    /** An attachment of one of this record's messages; any other id is not found here. */
    @GetMapping("/attachments/{attachmentId}")
    ResponseEntity<StreamingResponseBody> attachment(
            @PathVariable String model,
            @PathVariable long id,
            @PathVariable long attachmentId,
            HttpServletRequest request) {
        BusinessRecord record = access.open(model, id, access.viewer(request));
        boolean onRecord = thread.of(record.id()).messages().stream()
                .flatMap(m -> m.message().attachments().stream())
                .anyMatch(a -> a.id() == attachmentId);
        AttachmentContent content = attachments
                .content(attachmentId)
                .filter(found -> onRecord)
                .orElseThrow(() -> new UnknownIdException("attachment", attachmentId));
        // the API's answer: inline only what the module says a browser may show, never run in our origin
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().mimetype()))
                .contentLength(content.attachment().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition(content))
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(content::writeTo);
    }

    private static String disposition(AttachmentContent content) {
        return (content.showableInline() ? ContentDisposition.inline() : ContentDisposition.attachment())
                .filename(content.attachment().name(), StandardCharsets.UTF_8)
                .build()
                .toString();
    }
}
