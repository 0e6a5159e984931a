package com.perfectwork.mail.retention;

import com.perfectwork.mail.scheduling.ScheduledActions;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In the test suite the garbage collection runs only when a test asks for it: the suite's contexts share one data
 * directory (and, on PostgreSQL, one database) while each knows only its own rows, and some move their clock by
 * months, so a scheduled collection in one would delete what the others still use.
 */
@Component
class GarbageCollectionOnRequest {

    private final ScheduledActions actions;

    GarbageCollectionOnRequest(ScheduledActions actions) {
        this.actions = actions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void deactivate() {
        actions.findByCode("mail_gc").ifPresent(action -> actions.update(action.id(), null, null, false));
    }
}
