package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.discussion.Notifications;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.MailServers;
import com.perfectwork.mail.outgoing.MailState;
import com.perfectwork.mail.outgoing.OutgoingMail;
import java.util.Locale;
import java.util.function.LongFunction;
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
 * Settings ‣ Technical ‣ Email ‣ Emails: the outgoing queue, filtered by state and searched by recipient or
 * subject, and a mail's page with what its last attempt did, Retry and Cancel. Which states allow them is the
 * queue's rule ({@link MailState#retryable()}, {@link MailState#cancelable()}); a refusal (a page left open while
 * the mail went) answers with the queue's reason.
 */
@Controller
@RequestMapping(EmailsController.PATH)
class EmailsController {

    static final String PATH = "/web/technical/emails";

    /** The list's filter as the form sends it: blank values mean "any". */
    record Filter(String state, String search) {

        public MailState mailState() {
            for (MailState candidate : MailState.values()) {
                if (candidate.code().equals(state)) {
                    return candidate;
                }
            }
            return null;
        }

        public boolean unknownState() {
            return state != null && !state.isBlank() && mailState() == null;
        }

        public String searched() {
            return search == null ? "" : search.strip();
        }
    }

    private final MailQueue queue;
    private final MailServers servers;
    private final Notifications notifications;

    EmailsController(MailQueue queue, MailServers servers, Notifications notifications) {
        this.queue = queue;
        this.servers = servers;
        this.notifications = notifications;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer page,
            Model model) {
        Filter filter = new Filter(state == null ? "" : state.toLowerCase(Locale.ROOT), search);
        if (filter.unknownState()) {
            model.addAttribute("stateError", "Not a state of the queue: showing every state.");
        }
        model.addAttribute("filter", filter);
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(PATH)
                        .queryParam("state", filter.state())
                        .queryParam("search", filter.searched())
                        .encode()
                        .toUriString());
        model.addAttribute("states", MailState.values());
        model.addAttribute(
                "page",
                ListPage.of(
                        page, (offset, limit) -> queue.search(filter.mailState(), filter.searched(), offset, limit)));
        return "technical/emails";
    }

    @GetMapping("/{id}")
    String mail(@PathVariable long id, Model model) {
        OutgoingMail mail = queue.require(id);
        model.addAttribute("mail", mail);
        model.addAttribute(
                "server",
                mail.mailServerId() == null
                        ? null
                        : servers.find(mail.mailServerId()).orElse(null));
        // the thread the mail notifies of, to open from here; none for an answer to a sender
        model.addAttribute(
                "message",
                mail.chatterMessageId() == null
                        ? null
                        : notifications.mailable(mail.chatterMessageId()).orElse(null));
        model.addAttribute("transcript", queue.transcript(id).orElse(null));
        return "technical/email";
    }

    @PostMapping("/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, queue::retry, "Mail " + id + " is queued again: it goes out at once.", "Not retried");
    }

    @PostMapping("/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        return act(id, redirect, queue::cancel, "Mail " + id + " is canceled: it will not be sent.", "Not canceled");
    }

    private String act(
            long id, RedirectAttributes redirect, LongFunction<OutgoingMail> action, String done, String refused) {
        queue.require(id);
        try {
            action.apply(id);
            redirect.addFlashAttribute("flash", Flash.ok(done));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error(refused + ": " + e.getMessage() + "."));
        }
        return "redirect:" + PATH + "/" + id;
    }
}
