package com.perfectwork.mail.api;

import com.perfectwork.mail.discussion.Inbox;
import com.perfectwork.mail.discussion.InboxEntry;
import com.perfectwork.mail.discussion.InboxQuery;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's inbox, and only theirs (an administrator's too): a message that is not in it answers 404. Lists are
 * newest first, 50 a page by default; {@code before} (a message id) pages by keyset, which stays fast however large
 * the inbox, {@code offset} as on the other lists.
 */
@RestController
@RequestMapping("/api/inbox")
class InboxController {

    static final String UNREAD_COUNT = "X-Unread-Count";
    static final int DEFAULT_LIMIT = 50;

    private final Inbox inbox;

    InboxController(Inbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    ResponseEntity<List<InboxEntry>> list(
            @RequestParam(required = false) boolean unread,
            @RequestParam(required = false) boolean starred,
            @RequestParam(required = false) Long before,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal CurrentUser caller) {
        Paging paging = new Paging(offset, limit == null ? DEFAULT_LIMIT : limit);
        List<InboxEntry> entries = inbox.list(
                caller.partnerId(), new InboxQuery(unread, starred, before, paging.offset(), paging.limit()));
        return ResponseEntity.ok()
                .header(UNREAD_COUNT, String.valueOf(inbox.unreadCount(caller.partnerId())))
                .body(entries);
    }

    @PostMapping("/{messageId}/read")
    ResponseEntity<Void> read(@PathVariable long messageId, @AuthenticationPrincipal CurrentUser caller) {
        inbox.markRead(caller.partnerId(), messageId);
        return noContent(caller);
    }

    @PostMapping("/read-all")
    ResponseEntity<Void> readAll(@AuthenticationPrincipal CurrentUser caller) {
        inbox.markAllRead(caller.partnerId());
        return noContent(caller);
    }

    @PostMapping("/{messageId}/star")
    ResponseEntity<Void> star(@PathVariable long messageId, @AuthenticationPrincipal CurrentUser caller) {
        inbox.star(caller.partnerId(), messageId, true);
        return noContent(caller);
    }

    @DeleteMapping("/{messageId}/star")
    ResponseEntity<Void> unstar(@PathVariable long messageId, @AuthenticationPrincipal CurrentUser caller) {
        inbox.star(caller.partnerId(), messageId, false);
        return noContent(caller);
    }

    /** 204, with the unread count after the change: a client updates its counter without listing again. */
    private ResponseEntity<Void> noContent(CurrentUser caller) {
        return ResponseEntity.noContent()
                .header(UNREAD_COUNT, String.valueOf(inbox.unreadCount(caller.partnerId())))
                .build();
    }
}
