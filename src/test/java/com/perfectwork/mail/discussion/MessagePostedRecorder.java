package com.perfectwork.mail.discussion;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A module listener as the outgoing side will have one: it receives {@link MessagePosted} after the
 * posting transaction commits, through the event publication registry.
 */
@Component
public class MessagePostedRecorder {

    private final List<MessagePosted> received = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(MessagePosted event) {
        received.add(event);
    }

    public List<MessagePosted> received() {
        return received;
    }
}
