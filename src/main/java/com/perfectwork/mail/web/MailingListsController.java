package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.mailing.MailingList;
import com.perfectwork.mail.mailing.MailingLists;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Email Marketing ‣ Mailing Lists: the lists with their counts, searched by name, and a new one by its name; a list's
 * page renames it, shows its contacts (searched, paged), imports a CSV file into it and lists its latest imports;
 * delete asks first and keeps the contacts.
 */
@Controller
class MailingListsController {

    static final String PATH = WebSecurity.MARKETING + "/lists";

    private final MailingLists lists;
    private final MailingListPage listPage;

    MailingListsController(MailingLists lists, MailingListPage listPage) {
        this.lists = lists;
        this.listPage = listPage;
    }

    /** Email Marketing opens on its lists. */
    @GetMapping(WebSecurity.MARKETING)
    String marketing() {
        return "redirect:" + PATH;
    }

    @GetMapping(PATH)
    String list(
            @RequestParam(required = false) String search, @RequestParam(required = false) Integer page, Model model) {
        return list(model, search, page, "", Map.of());
    }

    @PostMapping(PATH)
    String create(@RequestParam(required = false) String name, Model model, RedirectAttributes redirect) {
        MailingList list;
        try {
            list = lists.create(name);
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not created: correct the field marked below."));
            return list(model, null, null, name, Map.of(e.field(), e.getMessage()));
        }
        redirect.addFlashAttribute("flash", Flash.ok("Created the mailing list " + list.name() + "."));
        return "redirect:" + MailingListPage.path(list.id());
    }

    @GetMapping(PATH + "/{id}")
    String show(
            @PathVariable long id,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer page,
            Model model) {
        MailingList list = lists.require(id);
        return listPage.show(model, list, search, page, list.name(), Map.of());
    }

    @PostMapping(PATH + "/{id}")
    String rename(
            @PathVariable long id,
            @RequestParam(required = false) String name,
            Model model,
            RedirectAttributes redirect) {
        MailingList list = lists.require(id);
        try {
            list = lists.rename(id, name);
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not renamed: correct the field marked below."));
            return listPage.show(model, list, null, null, name, Map.of(e.field(), e.getMessage()));
        }
        redirect.addFlashAttribute("flash", Flash.ok("Renamed the list " + list.name() + "."));
        return "redirect:" + MailingListPage.path(id);
    }

    @GetMapping(PATH + "/{id}/delete")
    String confirmDelete(@PathVariable long id, Model model) {
        MailingList list = lists.require(id);
        return new DeleteConfirmation(
                        "Delete this mailing list?",
                        "the list " + list.name(),
                        "Its " + list.contactCount() + " contacts stay, with their other lists; mailings can no"
                                + " longer be sent to it.",
                        PATH + "/" + id + "/delete",
                        PATH + "/" + id)
                .show(model);
    }

    @PostMapping(PATH + "/{id}/delete")
    String delete(@PathVariable long id, RedirectAttributes redirect) {
        String name = lists.require(id).name();
        lists.delete(id);
        redirect.addFlashAttribute("flash", Flash.ok("Deleted the mailing list " + name + "."));
        return "redirect:" + PATH;
    }

    private String list(Model model, String search, Integer page, String name, Map<String, String> errors) {
        String searched = search == null ? "" : search.strip();
        model.addAttribute("search", searched);
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(PATH)
                        .queryParam("search", searched)
                        .encode()
                        .toUriString());
        model.addAttribute("page", ListPage.of(page, (offset, limit) -> lists.list(offset, limit, searched)));
        model.addAttribute("form", Map.of("name", name == null ? "" : name));
        model.addAttribute("errors", errors);
        return "marketing/lists";
    }
}
