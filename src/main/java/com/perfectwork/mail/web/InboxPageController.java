package com.perfectwork.mail.web;

import com.perfectwork.mail.discussion.Inbox;
import com.perfectwork.mail.discussion.InboxEntry;
import com.perfectwork.mail.discussion.InboxQuery;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The signed-in user's inbox (Discuss ‣ Inbox): the messages that notified them in the product, newest first, 50 a
 * page (older ones by keyset); the unread ones, the starred ones or all; mark read, mark all read, star. Each action
 * comes back to the view it was made from. The first page and the menu's counter poll ({@code perfectwork.web
 * .inbox-poll}) with the inbox's version, read from the database, so a message stored by any instance shows up.
 */
@Controller
@RequestMapping(InboxPageController.PATH)
class InboxPageController {

    static final String PATH = "/web/inbox";
    static final int PAGE_SIZE = 50;

    /** Which messages the page lists. */
    enum View {
        ALL,
        UNREAD,
        STARRED;

        static View of(String code) {
            return code == null
                    ? ALL
                    : switch (code) {
                        case "unread" -> UNREAD;
                        case "starred" -> STARRED;
                        default -> ALL;
                    };
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A listed message with the address of its record's page, at the message. */
    record Shown(InboxEntry entry, String link) {}

    private final Inbox inbox;
    private final PageAccess access;

    InboxPageController(Inbox inbox, PageAccess access) {
        this.inbox = inbox;
        this.access = access;
    }

    @GetMapping
    String page(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) Long before,
            HttpServletRequest request,
            Model page) {
        list(View.of(view), before, request, page);
        return "inbox";
    }

    /**
     * The first page's list again, with the counter, when the inbox's version is not {@code version} any more; else
     * 204 and nothing: an unchanged inbox costs the frame's one statement.
     */
    @GetMapping("/live")
    Object live(
            @RequestParam(required = false) String view,
            @RequestParam(required = false) String version,
            @ModelAttribute(name = "frame", binding = false) PageFrame.Frame frame,
            HttpServletRequest request,
            Model page) {
        if (frame.inboxVersion().equals(version)) {
            return ResponseEntity.noContent().build();
        }
        list(View.of(view), null, request, page);
        page.addAttribute("live", true);
        return "inbox :: list";
    }

    /** The menu's counter when the inbox's version is not {@code version} any more; else 204 and nothing. */
    @GetMapping("/counter")
    Object counter(
            @RequestParam(required = false) String version,
            @ModelAttribute(name = "frame", binding = false) PageFrame.Frame frame) {
        return frame.inboxVersion().equals(version)
                ? ResponseEntity.noContent().build()
                : "layout :: inbox-counter(oob=false)";
    }

    private void list(View shown, Long before, HttpServletRequest request, Model page) {
        long partner = access.viewer(request).partnerId();
        List<InboxEntry> entries = inbox.list(
                partner, new InboxQuery(shown == View.UNREAD, shown == View.STARRED, before, 0, PAGE_SIZE + 1));
        boolean older = entries.size() > PAGE_SIZE;
        List<Shown> rows = entries.stream()
                .limit(PAGE_SIZE)
                .map(e -> new Shown(
                        e, RecordsController.PATH + "/" + e.model() + "/" + e.recordId() + "#message-" + e.messageId()))
                .toList();
        page.addAttribute("view", shown);
        page.addAttribute("views", View.values());
        page.addAttribute("rows", rows);
        page.addAttribute("firstPage", before == null);
        // the first page's list polls and brings the counter: the menu's counter does not poll as well
        page.addAttribute("inboxListPolls", before == null);
        page.addAttribute(
                "olderBefore", older ? rows.get(rows.size() - 1).entry().messageId() : null);
    }

    @PostMapping("/{messageId}/read")
    String read(@PathVariable long messageId, @RequestParam(required = false) String view, HttpServletRequest request) {
        inbox.markRead(access.viewer(request).partnerId(), messageId);
        return back(view);
    }

    @PostMapping("/read-all")
    String readAll(@RequestParam(required = false) String view, HttpServletRequest request) {
        inbox.markAllRead(access.viewer(request).partnerId());
        return back(view);
    }

    /** Stars the message, or unstars it when {@code starred} is false. */
    @PostMapping("/{messageId}/star")
    String star(
            @PathVariable long messageId,
            @RequestParam(defaultValue = "true") boolean starred,
            @RequestParam(required = false) String view,
            HttpServletRequest request) {
        inbox.star(access.viewer(request).partnerId(), messageId, starred);
        return back(view);
    }

    private static String back(String view) {
        View shown = View.of(view);
        return "redirect:" + PATH + (shown == View.ALL ? "" : "?view=" + shown.code());
    }
}
