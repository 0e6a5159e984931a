package com.perfectwork.mail.discussion;

import com.perfectwork.mail.core.NotPermittedException;
import com.perfectwork.mail.core.UnknownIdException;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see which record, for every way in (the pages, the REST API): an administrator every record, any other user
 * the records they follow, with their thread, followers and attachments. Whoever may open a record may also post on
 * it and add or remove its followers, as on the record's page. A record someone may not open does not exist for them:
 * {@link #open} answers it as an unknown id. A user posts as themselves; another author is for administrators (an
 * integration posting for its users).
 */
@Component
public class RecordAccess {

    private final Records records;
    private final Followers followers;
    private final Attachments attachments;

    RecordAccess(Records records, Followers followers, Attachments attachments) {
        this.records = records;
        this.followers = followers;
        this.attachments = attachments;
    }

    /** Whether this viewer may open the record; says nothing about whether it exists. */
    public boolean mayOpen(long recordId, Viewer viewer) {
        return viewer.admin() || followers.follows(recordId, viewer.partnerId());
    }

    /** The record, when it exists and this viewer may open it; an {@link UnknownIdException} otherwise. */
    public BusinessRecord open(long recordId, Viewer viewer) {
        return records.find(recordId)
                .filter(record -> mayOpen(record.id(), viewer))
                .orElseThrow(() -> new UnknownIdException("record", recordId));
    }

    /** The records of one model (all when null) this viewer may open, oldest first. */
    public List<BusinessRecord> list(String model, Viewer viewer, int offset, int limit) {
        return records.list(model, viewer.followerFilter(), offset, limit);
    }

    /**
     * Creates a record; a user who is not an administrator follows it at once (in the same transaction), or they could
     * not open what they created. An administrator's integration creating records does not follow them all.
     */
    @Transactional
    public BusinessRecord create(String model, String name, Viewer viewer) {
        BusinessRecord record = records.create(model, name);
        if (!viewer.admin()) {
            followers.follow(record.id(), viewer.partnerId());
        }
        return record;
    }

    /** An attachment of a message on a record this viewer may open; an {@link UnknownIdException} otherwise. */
    public AttachmentContent attachment(long attachmentId, Viewer viewer) {
        return attachments
                .content(attachmentId)
                .filter(content -> viewer.admin()
                        || attachments
                                .recordOf(attachmentId)
                                .filter(recordId -> mayOpen(recordId, viewer))
                                .isPresent())
                .orElseThrow(() -> new UnknownIdException("attachment", attachmentId));
    }

    /** Whom a post is by: the viewer, unless an administrator names another author. */
    public long author(Long requestedAuthor, Viewer viewer) {
        if (requestedAuthor == null || requestedAuthor == viewer.partnerId()) {
            return viewer.partnerId();
        }
        if (!viewer.admin()) {
            throw new NotPermittedException("authorPartnerId: a user posts as themselves (partner " + viewer.partnerId()
                    + "); another author is for administrators");
        }
        return requestedAuthor;
    }
}
