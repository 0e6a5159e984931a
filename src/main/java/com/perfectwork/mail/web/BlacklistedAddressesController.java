package com.perfectwork.mail.web;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.blacklist.BlacklistEntry;
import com.perfectwork.mail.blacklist.Blacklisting;
import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import java.security.Principal;
import java.util.Map;
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
 * Blacklisted Email Addresses: the list, searched by address or reason, adding an address by hand, and an
 * entry's page with its log notes and removal. Removing keeps the entry, inactive, with a note naming who
 * removed it and why, as the blacklist does; the list shows the blacklisted addresses unless asked for the
 * removed ones too.
 */
@Controller
@RequestMapping(BlacklistedAddressesController.PATH)
class BlacklistedAddressesController {

    static final String PATH = "/web/technical/blacklist";

    /** Which entries the list shows: the blacklisted addresses (the default), the removed ones, or both. */
    enum Shown {
        BLACKLISTED(Boolean.TRUE),
        REMOVED(Boolean.FALSE),
        ALL(null);

        final Boolean active;

        Shown(Boolean active) {
            this.active = active;
        }

        static Shown of(String value) {
            for (Shown shown : values()) {
                if (shown.name().equalsIgnoreCase(value)) {
                    return shown;
                }
            }
            return BLACKLISTED;
        }

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Blacklist blacklist;

    BlacklistedAddressesController(Blacklist blacklist) {
        this.blacklist = blacklist;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) String shown,
            @RequestParam(required = false) Integer page,
            Model model) {
        return list(model, search, Shown.of(shown), page, BlacklistForm.blank(), Map.of());
    }

    @PostMapping
    String add(BlacklistForm form, Principal user, Model model, RedirectAttributes redirect) {
        Blacklisting done;
        try {
            done = blacklist.add(form.email(), form.reasonOrDefault(), form.note(user.getName()));
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not blacklisted: correct the field marked below."));
            return list(model, null, Shown.BLACKLISTED, null, form, Map.of(e.field(), e.getMessage()));
        }
        String email = done.entry().email();
        redirect.addFlashAttribute(
                "flash",
                Flash.ok(
                        switch (done.change()) {
                            case CREATED -> "Blacklisted " + email + ": no mail goes to it any more.";
                            case REACTIVATED -> email + " is blacklisted again.";
                            case ALREADY_ACTIVE -> email + " was blacklisted already; its reason is updated.";
                        }));
        return "redirect:" + PATH + "/" + done.entry().id();
    }

    @GetMapping("/{id}")
    String entry(@PathVariable long id, Model model) {
        return entry(model, blacklist.require(id), "", Map.of());
    }

    @PostMapping("/{id}/remove")
    String remove(
            @PathVariable long id,
            @RequestParam(required = false) String note,
            Principal user,
            Model model,
            RedirectAttributes redirect) {
        BlacklistEntry entry = blacklist.require(id);
        String why = note == null || note.isBlank() ? "" : ": " + note.strip();
        try {
            blacklist.remove(id, "Removed from the blacklist by " + user.getName() + why);
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not removed: correct the field marked below."));
            return entry(model, entry, note, Map.of(e.field(), e.getMessage()));
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flash", Flash.error("Not removed: " + e.getMessage() + "."));
            return "redirect:" + PATH + "/" + id;
        }
        redirect.addFlashAttribute("flash", Flash.ok(entry.email() + " is no longer blacklisted."));
        return "redirect:" + PATH + "/" + id;
    }

    private String list(
            Model model, String search, Shown shown, Integer page, BlacklistForm form, Map<String, String> errors) {
        String searched = search == null ? "" : search.strip();
        model.addAttribute("search", searched);
        model.addAttribute("shown", shown);
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(PATH)
                        .queryParam("search", searched)
                        .queryParam("shown", shown.code())
                        .encode()
                        .toUriString());
        model.addAttribute("choices", Shown.values());
        model.addAttribute(
                "page", ListPage.of(page, (offset, limit) -> blacklist.list(offset, limit, shown.active, searched)));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "technical/blacklist";
    }

    private static String entry(Model model, BlacklistEntry entry, String note, Map<String, String> errors) {
        model.addAttribute("entry", entry);
        model.addAttribute("note", note);
        model.addAttribute("errors", errors);
        return "technical/blacklist-entry";
    }
}
