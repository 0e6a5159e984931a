package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.BodySanitizer;
import com.perfectwork.mail.mailing.Mailing;
import com.perfectwork.mail.mailing.MailingDraft;
import com.perfectwork.mail.mailing.MailingLists;
import com.perfectwork.mail.mailing.MailingReports;
import com.perfectwork.mail.mailing.MailingSender;
import com.perfectwork.mail.mailing.MailingSeries;
import com.perfectwork.mail.mailing.Mailings;
import com.perfectwork.mail.outgoing.MailServers;
import io.swagger.v3.oas.annotations.Hidden;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Email Marketing ‣ Mailings: the list of mailings, a new one, a draft's form (a small editor over the HTML body,
 * test send, send, schedule, delete), and a sent mailing's page: its progress bar (polled with htmx while it sends),
 * its statistics and its chart (uPlot over {@code /series}), cancel while it is scheduled or sending.
 */
@Controller
@Hidden
class MailingsController {

    static final String PATH = WebSecurity.MARKETING + "/mailings";

    /** The form's text fields: name, label, input type, help. */
    private static final List<List<String>> FIELDS = List.of(
            List.of("subject", "Subject", "text", ""),
            List.of("previewText", "Preview text", "text", "Shown by mail clients after the subject."),
            List.of("emailFrom", "From", "text", ""),
            List.of("replyTo", "Reply to", "text", "Optional: where replies go."));

    private final Mailings mailings;
    private final MailingSender sender;
    private final MailingReports reports;
    private final MailingLists lists;
    private final MailServers servers;
    private final BodySanitizer sanitizer;

    MailingsController(
            Mailings mailings,
            MailingSender sender,
            MailingReports reports,
            MailingLists lists,
            MailServers servers,
            BodySanitizer sanitizer) {
        this.sanitizer = sanitizer;
        this.mailings = mailings;
        this.sender = sender;
        this.reports = reports;
        this.lists = lists;
        this.servers = servers;
    }

    @GetMapping(PATH)
    String list(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute(
                "page",
                ListPage.of(
                        page,
                        (offset, limit) -> mailings.list(offset, limit, null, null).stream()
                                .map(m -> new Row(
                                        m,
                                        reports.progress(m.id()).sent(),
                                        reports.stats(m.id()).openRate()))
                                .toList()));
        model.addAttribute("pageLink", PATH);
        return "marketing/mailings";
    }

    record Row(Mailing mailing, long sent, double openRate) {}

    @GetMapping(PATH + "/new")
    String create(Model model) {
        return form(model, null, blank(), Map.of());
    }

    @PostMapping(PATH)
    String create(
            @RequestParam Map<String, String> form,
            @RequestParam(required = false) List<Long> listIds,
            Principal user,
            Model model,
            RedirectAttributes redirect) {
        try {
            Mailing mailing = mailings.create(draft(form, listIds), user.getName());
            redirect.addFlashAttribute("flash", Flash.ok("Saved the draft."));
            return "redirect:" + PATH + "/" + mailing.id();
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, null, withLists(form, listIds), Map.of(field(e), e.getMessage()));
        }
    }

    @GetMapping(PATH + "/{id}")
    String show(@PathVariable long id, Model model) {
        Mailing mailing = mailings.require(id);
        if (mailing.editable()) {
            return form(model, mailing, values(mailing), Map.of());
        }
        model.addAttribute("mailing", mailing);
        model.addAttribute("bodyHtml", sanitizer.sanitize(mailing.body()));
        model.addAttribute("progress", reports.progress(id));
        model.addAttribute("stats", reports.stats(id));
        return "marketing/mailing";
    }

    /** What the mailing's page polls every two seconds while it sends. */
    @GetMapping(PATH + "/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("mailing", mailings.require(id));
        model.addAttribute("progress", reports.progress(id));
        model.addAttribute("stats", reports.stats(id));
        return "marketing/mailing :: progress";
    }

    @GetMapping(PATH + "/{id}/series")
    @ResponseBody
    MailingSeries series(@PathVariable long id) {
        return reports.series(id);
    }

    @PostMapping(PATH + "/{id}")
    String update(
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            @RequestParam(required = false) List<Long> listIds,
            Model model,
            RedirectAttributes redirect) {
        Mailing mailing = mailings.require(id);
        try {
            mailings.update(id, draft(form, listIds));
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, mailing, withLists(form, listIds), Map.of(field(e), e.getMessage()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error("Not saved: " + e.getMessage() + "."));
            return "redirect:" + PATH + "/" + id;
        }
        String action = form.getOrDefault("action", "save");
        try {
            redirect.addFlashAttribute("flash", act(id, action, form));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error(e.getMessage()));
        }
        return "redirect:" + PATH + "/" + id;
    }

    /** Save, then the button's action: a test mail, send, schedule. */
    private Flash act(long id, String action, Map<String, String> form) {
        return switch (action) {
            case "test" -> {
                List<String> emails = Arrays.stream(
                                form.getOrDefault("testEmails", "").split("[,;\\s]+"))
                        .filter(email -> !email.isBlank())
                        .toList();
                int queued = sender.test(id, emails);
                yield Flash.ok("Saved, and queued " + queued + " test mail(s).");
            }
            case "send" -> {
                sender.send(id);
                yield Flash.ok("Sending: every mail is in the queue.");
            }
            case "schedule" -> {
                mailings.schedule(id, scheduledAt(form.get("scheduledAt")));
                yield Flash.ok("Scheduled.");
            }
            default -> Flash.ok("Saved the draft.");
        };
    }

    @PostMapping(PATH + "/{id}/cancel")
    String cancel(@PathVariable long id, RedirectAttributes redirect) {
        try {
            sender.cancel(id);
            redirect.addFlashAttribute("flash", Flash.ok("Canceled: the mails still queued will not be sent."));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error(e.getMessage()));
        }
        return "redirect:" + PATH + "/" + id;
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        try {
            mailings.delete(id);
            redirect.addFlashAttribute("flash", Flash.ok("Deleted the mailing."));
            return "redirect:" + PATH;
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error(e.getMessage()));
            return "redirect:" + PATH + "/" + id;
        }
    }

    private String form(Model model, Mailing mailing, Map<String, Object> form, Map<String, String> errors) {
        model.addAttribute("mailing", mailing);
        model.addAttribute("form", form);
        model.addAttribute("bodyHtml", sanitizer.sanitize((String) form.get("body")));
        model.addAttribute("errors", errors);
        model.addAttribute("fields", FIELDS);
        model.addAttribute("lists", lists.all());
        model.addAttribute("servers", servers.list());
        return "marketing/mailing-form";
    }

    private static MailingDraft draft(Map<String, String> form, List<Long> listIds) {
        boolean toModel = "model".equals(form.get("recipients"));
        String server = form.get("mailServerId");
        return new MailingDraft(
                form.get("subject"),
                form.get("previewText"),
                form.get("body"),
                form.get("emailFrom"),
                form.get("replyTo"),
                toModel || listIds == null ? List.of() : listIds,
                toModel ? form.get("model") : null,
                List.of(),
                server == null || server.isBlank() ? null : Long.valueOf(server),
                form.containsKey("tracking"));
    }

    private static Instant scheduledAt(String value) {
        try {
            return value == null || value.isBlank()
                    ? null
                    : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("scheduledAt", "must be a date and a time");
        }
    }

    private static String field(InvalidInputException e) {
        return e.field().startsWith("recipients") ? "recipients" : e.field();
    }

    private static Map<String, Object> blank() {
        Map<String, Object> form = new HashMap<>();
        form.put("recipients", "lists");
        form.put("tracking", true);
        form.put("listIds", List.of());
        return form;
    }

    private static Map<String, Object> withLists(Map<String, String> submitted, List<Long> listIds) {
        Map<String, Object> form = new HashMap<>(submitted);
        form.put("listIds", listIds == null ? List.of() : listIds);
        form.put("tracking", submitted.containsKey("tracking"));
        return form;
    }

    private static Map<String, Object> values(Mailing mailing) {
        Map<String, Object> form = new HashMap<>();
        form.put("subject", mailing.subject());
        form.put("previewText", mailing.previewText());
        form.put("body", mailing.body());
        form.put("emailFrom", mailing.emailFrom());
        form.put("replyTo", mailing.replyTo());
        form.put("recipients", mailing.toFollowers() ? "model" : "lists");
        form.put("model", mailing.model());
        form.put("listIds", mailing.listIds());
        form.put(
                "mailServerId",
                mailing.mailServerId() == null ? "" : mailing.mailServerId().toString());
        form.put("tracking", mailing.tracking());
        return form;
    }
}
