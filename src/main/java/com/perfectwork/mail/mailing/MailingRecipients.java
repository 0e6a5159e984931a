package com.perfectwork.mail.mailing;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.Records;
import com.perfectwork.mail.mailing.MailingTraces.NewTrace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Who a mailing reaches, page by page, each recipient once with the reason it is left out if it is: the contacts
 * subscribed to its lists, or the followers of its model's records; then, in this order, an address that is no address
 * is excluded as {@code invalid}, one met before as {@code duplicate}, a blacklisted one as {@code blacklisted}; a list
 * contact opted out of every list of the mailing it is on comes last, as {@code optedOut}.
 */
@Component
class MailingRecipients {

    private final MailingAudience audience;
    private final Blacklist blacklist;
    private final Records records;
    private final Followers followers;

    MailingRecipients(MailingAudience audience, Blacklist blacklist, Records records, Followers followers) {
        this.audience = audience;
        this.blacklist = blacklist;
        this.records = records;
        this.followers = followers;
    }

    /** Hands the recipients to {@code page}, at most {@link MailingAudience#PAGE_SIZE} at a time. */
    void walk(Mailing mailing, Consumer<List<NewTrace>> page) {
        Set<String> seen = new HashSet<>();
        Pages pages = new Pages(page, seen);
        if (mailing.toFollowers()) {
            for (BusinessRecord record : records(mailing)) {
                for (Follower follower : followers.of(record.id())) {
                    pages.add(follower.email(), follower.name(), null, null);
                }
            }
        } else {
            for (AudienceContact contact : audience.subscribed(mailing.listIds())) {
                pages.add(contact.email(), contact.name(), contact.contactId(), null);
            }
            pages.flush();
            for (AudienceContact contact : audience.optedOut(mailing.listIds())) {
                pages.add(contact.email(), contact.name(), contact.contactId(), "optedOut");
            }
        }
        pages.flush();
    }

    private List<BusinessRecord> records(Mailing mailing) {
        if (!mailing.recordIds().isEmpty()) {
            return mailing.recordIds().stream()
                    .map(records::find)
                    .flatMap(Optional::stream)
                    .filter(record -> record.model().equals(mailing.model()))
                    .toList();
        }
        List<BusinessRecord> all = new ArrayList<>();
        for (int offset = 0; ; offset += MailingAudience.PAGE_SIZE) {
            List<BusinessRecord> page = records.list(mailing.model(), null, offset, MailingAudience.PAGE_SIZE);
            all.addAll(page);
            if (page.size() < MailingAudience.PAGE_SIZE) {
                return all;
            }
        }
    }

    /** Collects a page, then excludes its blacklisted addresses in one look-up. */
    private final class Pages {
        private final Consumer<List<NewTrace>> sink;
        private final Set<String> seen;
        private final List<NewTrace> current = new ArrayList<>();

        Pages(Consumer<List<NewTrace>> sink, Set<String> seen) {
            this.sink = sink;
            this.seen = seen;
        }

        void add(String email, String name, Long contactId, String exclusion) {
            Optional<EmailAddress> address = EmailAddress.tryParse(email);
            String normalized = address.map(EmailAddress::normalized).orElse(null);
            String why = exclusion;
            if (address.isEmpty()) {
                why = "invalid";
            } else if (!seen.add(normalized)) {
                why = "duplicate";
            }
            current.add(new NewTrace(email == null ? "" : email, normalized, name, contactId, why));
            if (current.size() >= MailingAudience.PAGE_SIZE) {
                flush();
            }
        }

        void flush() {
            if (current.isEmpty()) {
                return;
            }
            Set<String> blacklisted = blacklist.blacklistedAmong(current.stream()
                    .filter(trace -> trace.exclusion() == null)
                    .map(NewTrace::normalized)
                    .toList());
            List<NewTrace> page = current.stream()
                    .map(trace -> trace.exclusion() == null && blacklisted.contains(trace.normalized())
                            ? new NewTrace(
                                    trace.email(), trace.normalized(), trace.name(), trace.contactId(), "blacklisted")
                            : trace)
                    .toList();
            current.clear();
            sink.accept(page);
        }
    }
}
