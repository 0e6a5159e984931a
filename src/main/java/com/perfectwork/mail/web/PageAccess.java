package com.perfectwork.mail.web;

import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.RecordAccess;
import com.perfectwork.mail.discussion.Records;
import com.perfectwork.mail.discussion.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Which record the signed-in user may open from the pages, by {@link RecordAccess}'s rule (an administrator every
 * record, any other user the records they follow). Creating a record from the pages makes its creator follow it (as
 * Perfectwork does), so "the records I created" are among "the records I follow" without a creator column. A record
 * asked for under another model's address is not found, so that an address names one record only; one the user may
 * not open shows the access-denied page, which says why.
 */
@Component
class PageAccess {

    private final SignedInPartner partner;
    private final Records records;
    private final RecordAccess access;

    PageAccess(SignedInPartner partner, Records records, RecordAccess access) {
        this.partner = partner;
        this.records = records;
        this.access = access;
    }

    Viewer viewer(HttpServletRequest request) {
        long partnerId =
                partner.of(request).orElseThrow(() -> new AccessDeniedException("no account for the signed-in login"));
        return new Viewer(partnerId, request.isUserInRole("ADMIN"));
    }

    /** The record at this address, when this viewer may open it; refused (403) otherwise, 404 when there is none. */
    BusinessRecord open(String model, long id, Viewer viewer) {
        BusinessRecord record = records.require(id);
        if (!record.model().equals(model)) {
            throw new UnknownIdException("record", id);
        }
        if (!access.mayOpen(id, viewer)) {
            throw new AccessDeniedException("record " + id + " is not followed by partner " + viewer.partnerId());
        }
        return record;
    }
}
