package com.perfectwork.mail.web;

import com.perfectwork.mail.mailing.ContactDraft;
import com.perfectwork.mail.mailing.MailingContact;
import java.util.List;
import java.util.Set;

/**
 * A contact's form as the browser sends it: its name and address, and per list two boxes, on the list ({@code lists})
 * and opted out of it ({@code optedOut}); an unticked box sends nothing, so a missing list of ids is none.
 */
record ContactForm(String name, String email, List<Long> lists, List<Long> optedOut) {

    ContactForm {
        lists = lists == null ? List.of() : List.copyOf(lists);
        optedOut = optedOut == null ? List.of() : List.copyOf(optedOut);
    }

    static ContactForm blank(Long listId) {
        return new ContactForm("", "", listId == null ? List.of() : List.of(listId), List.of());
    }

    static ContactForm of(MailingContact contact) {
        return new ContactForm(
                contact.name() == null ? "" : contact.name(),
                contact.email(),
                contact.listIds(),
                contact.optedOutListIds());
    }

    ContactDraft draft() {
        return new ContactDraft(
                name == null ? "" : name, email == null ? "" : email, Set.copyOf(lists), Set.copyOf(optedOut));
    }

    /** Whether the form puts the contact on this list (opted out of it or not). */
    public boolean on(long listId) {
        return lists.contains(listId) || optedOut.contains(listId);
    }

    public boolean optedOutOf(long listId) {
        return optedOut.contains(listId);
    }
}
