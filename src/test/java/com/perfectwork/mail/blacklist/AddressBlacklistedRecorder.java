package com.perfectwork.mail.blacklist;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** A module listener as the outgoing side may have one: it receives {@link AddressBlacklisted} after the commit. */
@Component
public class AddressBlacklistedRecorder {

    private final List<AddressBlacklisted> received = new CopyOnWriteArrayList<>();

    @ApplicationModuleListener
    void on(AddressBlacklisted event) {
        received.add(event);
    }

    public List<AddressBlacklisted> received() {
        return received;
    }
}
