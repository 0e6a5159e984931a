package com.perfectwork.mail.mailing;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.Records;
import com.perfectwork.mail.mailing.MailingTraces.NewTrace;
import com.perfectwork.mail.mailing.QueuePosition.Phase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Who a mailing reaches, page by page, each recipient once with the reason it is left out if it is: the contacts
 * subscribed to its lists (in contact id order), or the followers of its model's records (record by record in id
 * order, each one's by partner id); then, in this order, an address that is no address
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

    /** A page of recipients, and the position its last one reached. */
    record RecipientPage(List<NewTrace> traces, QueuePosition reached) {}

    /**
     * Hands the recipients after {@code from} to {@code page}, at most {@link MailingAudience#PAGE_SIZE} at a time,
     * while it answers true. {@code traced}: the normalized addresses traced before {@code from} (not duplicates), so
     * that a resumed walk excludes as duplicates exactly what a walk from the start would.
     */
    void walk(Mailing mailing, QueuePosition from, Set<String> traced, Predicate<RecipientPage> page) {
        Pages pages = new Pages(page, new HashSet<>(traced));
        if (mailing.toFollowers()) {
            followers(mailing, from, pages);
        } else {
            contacts(mailing, from, pages);
        }
        pages.flush();
    }

    private void contacts(Mailing mailing, QueuePosition from, Pages pages) {
        if (from.phase() != Phase.OPTED_OUT) {
            for (AudienceContact contact :
                    audience.subscribed(mailing.listIds(), from.afterContact(Phase.SUBSCRIBED))) {
                if (!pages.add(contact, null, QueuePosition.contact(Phase.SUBSCRIBED, contact.contactId()))) {
                    return;
                }
            }
            pages.flush();
        }
        for (AudienceContact contact : audience.optedOut(mailing.listIds(), from.afterContact(Phase.OPTED_OUT))) {
            if (!pages.add(contact, "optedOut", QueuePosition.contact(Phase.OPTED_OUT, contact.contactId()))) {
                return;
            }
        }
    }

    /** Record by record in id order, each one's followers by partner id: an order a position can resume. */
    private void followers(Mailing mailing, QueuePosition from, Pages pages) {
        for (BusinessRecord record : records(mailing)) {
            if (record.id() < from.afterId()) {
                continue;
            }
            List<Follower> ordered = followers.of(record.id()).stream()
                    .filter(follower -> follower.partnerId() > from.afterPartner(record.id()))
                    .sorted(Comparator.comparingLong(Follower::partnerId))
                    .toList();
            for (Follower follower : ordered) {
                QueuePosition reached = QueuePosition.follower(record.id(), follower.partnerId());
                if (!pages.add(follower.email(), follower.name(), null, null, reached)) {
                    return;
                }
            }
        }
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
        private final Predicate<RecipientPage> sink;
        private final Set<String> seen;
        private final List<NewTrace> current = new ArrayList<>();
        private QueuePosition reached;
        private boolean stopped;

        Pages(Predicate<RecipientPage> sink, Set<String> seen) {
            this.sink = sink;
            this.seen = seen;
        }

        boolean add(AudienceContact contact, String exclusion, QueuePosition at) {
            return add(contact.email(), contact.name(), contact.contactId(), exclusion, at);
        }

        /** False once the sink stopped the walk. */
        boolean add(String email, String name, Long contactId, String exclusion, QueuePosition at) {
            Optional<EmailAddress> address = EmailAddress.tryParse(email);
            String normalized = address.map(EmailAddress::normalized).orElse(null);
            String why = exclusion;
            if (address.isEmpty()) {
                why = "invalid";
            } else if (!seen.add(normalized)) {
                why = "duplicate";
            }
            current.add(new NewTrace(email == null ? "" : email, normalized, name, contactId, why));
            reached = at;
            if (current.size() >= MailingAudience.PAGE_SIZE) {
                flush();
            }
            return !stopped;
        }

        void flush() {
            if (current.isEmpty() || stopped) {
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
            stopped = !sink.test(new RecipientPage(page, reached));
        }
    }
}
