package com.perfectwork.mail.web;

import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Followers;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What a record's page shows: the record, its followers, its thread and the composer. Rendered by the page itself
 * and again by an action refused with errors next to its fields (the composer's text or the follower's address
 * kept).
 */
@Component
class RecordPage {

    static final String VIEW = "records/record";

    private final Followers followers;
    private final ChatterThread thread;

    RecordPage(Followers followers, ChatterThread thread) {
        this.followers = followers;
        this.thread = thread;
    }

    static String path(BusinessRecord record) {
        return RecordsController.PATH + "/" + record.model() + "/" + record.id();
    }

    String show(Model page, BusinessRecord record, Map<String, String> fields, Map<String, String> errors) {
        page.addAttribute("record", record);
        page.addAttribute("recordPath", path(record));
        page.addAttribute("followers", followers.of(record.id()));
        page.addAttribute("thread", thread.of(record.id()));
        page.addAttribute("fields", fields);
        page.addAttribute("errors", errors);
        return VIEW;
    }
}
