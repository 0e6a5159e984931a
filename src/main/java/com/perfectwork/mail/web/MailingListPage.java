package com.perfectwork.mail.web;

import com.perfectwork.mail.mailing.ContactImports;
import com.perfectwork.mail.mailing.MailingContacts;
import com.perfectwork.mail.mailing.MailingList;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What a mailing list's page shows: the list with its counts, its rename form, its contacts (searched, paged), the
 * import form and its latest imports. Rendered by the page itself and again by a rename or an import refused with the
 * error next to its field.
 */
@Component
class MailingListPage {

    static final String VIEW = "marketing/list";

    /** Imports shown on a list's page. */
    static final int LATEST_IMPORTS = 5;

    private final MailingContacts contacts;
    private final ContactImports imports;

    MailingListPage(MailingContacts contacts, ContactImports imports) {
        this.contacts = contacts;
        this.imports = imports;
    }

    static String path(long listId) {
        return MailingListsController.PATH + "/" + listId;
    }

    /** The page, {@code name} in its rename form, {@code errors} by field (the name's, or the imported file's). */
    String show(Model model, MailingList list, String search, Integer page, String name, Map<String, String> errors) {
        String searched = search == null ? "" : search.strip();
        model.addAttribute("list", list);
        model.addAttribute("search", searched);
        model.addAttribute(
                "pageLink",
                UriComponentsBuilder.fromPath(path(list.id()))
                        .queryParam("search", searched)
                        .encode()
                        .toUriString());
        model.addAttribute(
                "page", ListPage.of(page, (offset, limit) -> contacts.list(offset, limit, list.id(), searched)));
        model.addAttribute("imports", imports.ofList(list.id(), LATEST_IMPORTS));
        model.addAttribute("form", Map.of("name", name == null ? "" : name));
        model.addAttribute("errors", errors);
        return VIEW;
    }
}
