package com.perfectwork.mail.api;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.mailing.ContactDraft;
import com.perfectwork.mail.mailing.MailingContact;
import com.perfectwork.mail.mailing.MailingContacts;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Email Marketing's contacts (administrators and marketing users), one per normalized address: a second contact
 * with an address taken is refused (409). {@code listIds} are the lists a contact is on, {@code optedOutListIds} those
 * of them it opted out of (a list named only there is a list it is on); on {@code PUT}, a field left out keeps its
 * value. {@code blacklisted} says whether the address is blacklisted now (no mailing reaches it).
 */
@RestController
@RequestMapping("/api/mailing-contacts")
class MailingContactController {

    record ContactRequest(String name, String email, Set<Long> listIds, Set<Long> optedOutListIds) {
        ContactDraft draft() {
            return new ContactDraft(name, email, listIds, optedOutListIds);
        }
    }

    record ContactResponse(
            long id,
            String name,
            String email,
            List<Long> listIds,
            List<Long> optedOutListIds,
            boolean blacklisted,
            int bounceCount) {
        static ContactResponse of(MailingContact contact, boolean blacklisted) {
            return new ContactResponse(
                    contact.id(),
                    contact.name(),
                    contact.emailNormalized(),
                    contact.listIds(),
                    contact.optedOutListIds(),
                    blacklisted,
                    contact.bounceCount());
        }
    }

    private final MailingContacts contacts;
    private final Blacklist blacklist;

    MailingContactController(MailingContacts contacts, Blacklist blacklist) {
        this.contacts = contacts;
        this.blacklist = blacklist;
    }

    @PostMapping
    ResponseEntity<ContactResponse> create(@RequestBody ContactRequest request) {
        MailingContact contact = contacts.create(request.draft());
        return ResponseEntity.created(URI.create("/api/mailing-contacts/" + contact.id()))
                .body(responses(List.of(contact)).get(0));
    }

    @GetMapping
    List<ContactResponse> list(
            @RequestParam(required = false) Long listId,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return responses(contacts.list(paging.offset(), paging.limit(), listId, search));
    }

    @GetMapping("/{id}")
    ContactResponse get(@PathVariable long id) {
        return responses(List.of(contacts.require(id))).get(0);
    }

    @PutMapping("/{id}")
    ContactResponse update(@PathVariable long id, @RequestBody ContactRequest request) {
        return responses(List.of(contacts.update(id, request.draft()))).get(0);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        contacts.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The contacts with whether each is blacklisted, looked up once for the whole page. */
    private List<ContactResponse> responses(List<MailingContact> found) {
        Set<String> blacklisted = blacklist.blacklistedAmong(
                found.stream().map(MailingContact::emailNormalized).toList());
        return found.stream()
                .map(contact -> ContactResponse.of(contact, blacklisted.contains(contact.emailNormalized())))
                .toList();
    }
}
