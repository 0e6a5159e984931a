package com.perfectwork.mail.mailing;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.outgoing.BulkMail;
import com.perfectwork.mail.settings.Secrets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a mailing's recipient does through the signed addresses of their mail (no login): opens it (the pixel, counted
 * once), clicks a link (redirected to the mailing's own link of that number, never to an address from the request),
 * unsubscribes. Every method takes the token as it came and does nothing for one that is not genuine (empty or false:
 * a 404 for the caller). Replies and unsubscriptions by mail come through the inbound pipeline. An unsubscription stops the recipient's mass mails still queued ({@link BulkMail#suppress}).
 */
@Component
public class MailingTracking {

    private final TraceToken tokens;
    private final MailingTraces traces;
    private final Mailings mailings;
    private final MailingAudience audience;
    private final Blacklist blacklist;
    private final BulkMail bulkMail;
    private final JdbcClient jdbc;

    MailingTracking(
            Secrets secrets,
            MailingTraces traces,
            Mailings mailings,
            MailingAudience audience,
            Blacklist blacklist,
            BulkMail bulkMail,
            JdbcClient jdbc) {
        this.tokens = new TraceToken(secrets.derivedKey("mailing-trace"));
        this.traces = traces;
        this.mailings = mailings;
        this.audience = audience;
        this.blacklist = blacklist;
        this.bulkMail = bulkMail;
        this.jdbc = jdbc;
    }

    /** The open pixel was fetched; false for a token that is not genuine. */
    @Transactional
    public boolean open(String token) {
        OptionalLong trace = trace(token);
        trace.ifPresent(traces::opened);
        return trace.isPresent();
    }

    /** The address link {@code n} of the recipient's mailing leads to, the click counted; empty: 404. */
    @Transactional
    public Optional<String> click(String token, int n) {
        return trace(token).stream()
                .boxed()
                .flatMap(id -> traces.find(id).stream())
                .flatMap(trace -> mailings.link(trace.mailingId(), n).stream().peek(url -> traces.clicked(trace.id())))
                .findFirst();
    }

    /**
     * A mail came back answering the recipient's mass mail (its In-Reply-To or References name the mail's Message-ID):
     * the reply counted once; false for a token that is not genuine.
     */
    @Transactional
    public boolean replied(String token) {
        OptionalLong trace = trace(token);
        trace.ifPresent(traces::replied);
        return trace.isPresent();
    }

    /** What the unsubscribe page shows; empty: 404. */
    public Optional<Unsubscription> unsubscription(String token) {
        return trace(token).stream()
                .boxed()
                .flatMap(id -> traces.find(id).stream())
                .findFirst()
                .map(trace -> {
                    Mailing mailing = mailings.require(trace.mailingId());
                    boolean unsubscribed = mailing.toFollowers()
                            ? blacklist.isBlacklisted(trace.email())
                            : trace.unsubscribedAt() != null;
                    return new Unsubscription(
                            token,
                            trace.email(),
                            mailing.subject(),
                            mailing.toFollowers(),
                            lists(mailing, trace),
                            unsubscribed);
                });
    }

    /**
     * RFC 8058 one-click, and the page's "unsubscribe": out of the mailing's lists ({@code everything}: out of every
     * list), or, for a mailing to followers (who are on no list), onto the blacklist. Idempotent; false: 404.
     */
    @Transactional
    public boolean unsubscribe(String token, boolean everything) {
        Optional<MailingTrace> found = trace(token).stream()
                .boxed()
                .flatMap(id -> traces.find(id).stream())
                .findFirst();
        if (found.isEmpty()) {
            return false;
        }
        MailingTrace trace = found.get();
        Mailing mailing = mailings.require(trace.mailingId());
        if (mailing.toFollowers() || trace.contactId() == null) {
            blacklist.add(trace.email(), "unsubscribed", "Unsubscribed from the mailing \"" + mailing.subject() + "\"");
        } else if (everything) {
            audience.optOut(trace.contactId(), null);
        } else {
            mailing.listIds().forEach(list -> audience.optOut(trace.contactId(), list));
        }
        traces.unsubscribed(trace.id());
        EmailAddress.tryParse(trace.email()).ifPresent(address -> bulkMail.suppress(address, "unsubscribed"));
        return true;
    }

    /** The page's "come back": subscribed again to the mailing's lists. False: 404, or a mailing to followers. */
    @Transactional
    public boolean comeBack(String token) {
        Optional<MailingTrace> found = trace(token).stream()
                .boxed()
                .flatMap(id -> traces.find(id).stream())
                .findFirst();
        if (found.isEmpty() || found.get().contactId() == null) {
            return false;
        }
        Mailing mailing = mailings.require(found.get().mailingId());
        mailing.listIds().forEach(list -> audience.optIn(found.get().contactId(), list));
        jdbc.sql("UPDATE mailing_traces SET unsubscribed_at = NULL WHERE id = ?")
                .param(found.get().id())
                .update();
        return true;
    }

    private List<Unsubscription.ListChoice> lists(Mailing mailing, MailingTrace trace) {
        if (mailing.toFollowers()
                || trace.contactId() == null
                || mailing.listIds().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT l.id, l.name, COALESCE(s.opted_out, FALSE) FROM mailing_lists l"
                        + " LEFT JOIN mailing_subscriptions s ON s.list_id = l.id AND s.contact_id = :contact"
                        + " WHERE l.id IN (:lists) ORDER BY l.name")
                .param("contact", trace.contactId())
                .param("lists", mailing.listIds())
                .query((rs, row) -> new Unsubscription.ListChoice(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .list();
    }

    private OptionalLong trace(String token) {
        return tokens.verify(token);
    }
}
