package com.perfectwork.mail.routing;

import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.Records;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records created by mail to an alias, with the alias's {@link AliasDefaults} applied: its values on the record,
 * its followers following it before the mail is posted, so that they are notified of that very mail.
 */
@Component
public class AliasRecords {

    private final Records records;
    private final Followers followers;
    private final Partners partners;

    AliasRecords(Records records, Followers followers, Partners partners) {
        this.records = records;
        this.followers = followers;
        this.partners = partners;
    }

    /** A record named {@code name} (a mail's subject): its first {@link Records#MAX_NAME} characters. */
    @Transactional
    public BusinessRecord create(Alias alias, String name) {
        AliasDefaults defaults = AliasDefaults.parse(alias.defaults());
        String named = name.length() <= Records.MAX_NAME ? name : name.substring(0, Records.MAX_NAME);
        BusinessRecord record = records.create(alias.model(), named, defaults.values());
        // a partner removed since the alias was saved is no reason to lose the mail
        defaults.followerIds().stream()
                .filter(id -> partners.find(id).isPresent())
                .forEach(id -> followers.add(record.id(), id));
        defaults.followerEmails().forEach(email -> followers.add(record.id(), null, email));
        return record;
    }
}
