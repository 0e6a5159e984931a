package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.outgoing.MailQueue;
import com.perfectwork.mail.outgoing.OutgoingMail;
import jakarta.servlet.http.HttpServletRequest;
import java.util.function.LongFunction;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The red envelope's actions: Retry puts the failed mail back in the queue (the notification is ready again),
 * Cancel gives up on it, through the queue's own {@link MailQueue#retry} and {@link MailQueue#cancel}. Whoever may
 * open the record may do so for its messages' mails, and for no other mail.
 */
@Controller
@RequestMapping(RecordsController.PATH + "/{model}/{id}/mails/{mailId}")
class DeliveryFailuresController {

    private final PageAccess access;
    private final ChatterThread thread;
    private final MailQueue queue;

    DeliveryFailuresController(PageAccess access, ChatterThread thread, MailQueue queue) {
        this.access = access;
        this.thread = thread;
        this.queue = queue;
    }

    @PostMapping("/retry")
    String retry(
            @PathVariable String model,
            @PathVariable long id,
            @PathVariable long mailId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        return act(model, id, mailId, request, redirect, queue::retry, "Sending again to ");
    }

    @PostMapping("/cancel")
    String cancel(
            @PathVariable String model,
            @PathVariable long id,
            @PathVariable long mailId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        return act(model, id, mailId, request, redirect, queue::cancel, "Canceled the mail to ");
    }

    private String act(
            String model,
            long id,
            long mailId,
            HttpServletRequest request,
            RedirectAttributes redirect,
            LongFunction<OutgoingMail> action,
            String done) {
        BusinessRecord record = access.open(model, id, access.viewer(request));
        OutgoingMail mail = queue.require(mailId);
        if (!thread.belongs(record.id(), mail)) {
            throw new UnknownIdException("mail", mailId);
        }
        try {
            action.apply(mailId);
            redirect.addFlashAttribute("flash", Flash.ok(done + mail.emailTo() + "."));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error(e.getMessage()));
        }
        return "redirect:" + RecordPage.path(record);
    }
}
