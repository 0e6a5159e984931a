package com.perfectwork.mail.web;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.mailing.MailingContact;
import com.perfectwork.mail.mailing.MailingContacts;
import com.perfectwork.mail.mailing.MailingList;
import com.perfectwork.mail.mailing.MailingLists;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
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
 * Email Marketing ‣ Contacts: the contacts, searched by name or address and narrowed to a list, with their lists,
 * opt-outs, bounces and whether they are blacklisted; a contact's form edits its name, address, lists and opt-outs;
 * delete asks first. An address that another contact has is refused next to its field.
 */
@Controller
@RequestMapping(MailingContactsController.PATH)
class MailingContactsController {

    static final String PATH = WebSecurity.MARKETING + "/contacts";

    private final MailingContacts contacts;
    private final MailingLists lists;
    private final Blacklist blacklist;

    MailingContactsController(MailingContacts contacts, MailingLists lists, Blacklist blacklist) {
        this.contacts = contacts;
        this.lists = lists;
        this.blacklist = blacklist;
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Long listId,
            @RequestParam(required = false) Integer page,
            Model model) {
        String searched = search == null ? "" : search.strip();
        ListPage<MailingContact> found =
                ListPage.of(page, (offset, limit) -> contacts.list(offset, limit, listId, searched));
        model.addAttribute("search", searched);
        model.addAttribute("listId", listId);
        model.addAttribute("lists", listNames());
        model.addAttribute("page", found);
        model.addAttribute(
                "blacklisted",
                blacklist.blacklistedAmong(found.rows().stream()
                        .map(MailingContact::emailNormalized)
                        .toList()));
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(PATH)
                        .queryParam("search", searched)
                        .queryParamIfPresent("listId", java.util.Optional.ofNullable(listId))
                        .encode()
                        .toUriString());
        return "marketing/contacts";
    }

    /** A new contact, on the list it was asked for from ({@code ?listId=}). */
    @GetMapping("/new")
    String create(@RequestParam(required = false) Long listId, Model model) {
        return form(model, null, ContactForm.blank(listId), Map.of());
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        MailingContact contact = contacts.require(id);
        return form(model, contact, ContactForm.of(contact), Map.of());
    }

    @PostMapping
    String created(ContactForm form, Model model, RedirectAttributes redirect) {
        return saved(form, null, model, redirect, () -> contacts.create(form.draft()));
    }

    @PostMapping("/{id}")
    String updated(@PathVariable long id, ContactForm form, Model model, RedirectAttributes redirect) {
        MailingContact current = contacts.require(id);
        return saved(form, current, model, redirect, () -> contacts.update(id, form.draft()));
    }

    @GetMapping("/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        MailingContact contact = contacts.require(id);
        return new DeleteConfirmation(
                        "Delete this contact?",
                        "the contact " + contact.email(),
                        "It leaves its " + contact.listIds().size() + " lists, and its opt-outs are forgotten.",
                        PATH + "/" + id + "/delete",
                        PATH + "/" + id)
                .show(model);
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String email = contacts.require(id).email();
        contacts.delete(id);
        redirect.addFlashAttribute("flash", Flash.ok("Deleted the contact " + email + "."));
        return "redirect:" + PATH;
    }

    private String saved(
            ContactForm form,
            MailingContact current,
            Model model,
            RedirectAttributes redirect,
            Supplier<MailingContact> save) {
        MailingContact contact;
        try {
            contact = save.get();
        } catch (InvalidInputException e) {
            return refused(model, current, form, e.field(), e.getMessage());
        } catch (ConflictException e) {
            return refused(model, current, form, "email", e.getMessage());
        }
        redirect.addFlashAttribute("flash", Flash.ok("Saved the contact " + contact.email() + "."));
        return "redirect:" + PATH + "/" + contact.id();
    }

    private String refused(Model model, MailingContact current, ContactForm form, String field, String error) {
        model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
        String shown = field.endsWith("ListIds") || field.equals("listIds") ? "lists" : field;
        return form(model, current, form, Map.of(shown, error));
    }

    private String form(Model model, MailingContact contact, ContactForm form, Map<String, String> errors) {
        model.addAttribute("contact", contact);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("lists", lists.all());
        model.addAttribute(
                "blacklisted",
                contact != null
                        && !blacklist
                                .blacklistedAmong(Set.of(contact.emailNormalized()))
                                .isEmpty());
        return "marketing/contact";
    }

    /** Every list's name by id, for the list filter and the contacts' lists. */
    private Map<Long, String> listNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        for (MailingList list : lists.all()) {
            names.put(list.id(), list.name());
        }
        return names;
    }
}
