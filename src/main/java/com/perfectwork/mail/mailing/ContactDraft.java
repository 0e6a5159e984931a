package com.perfectwork.mail.mailing;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a contact's form or request gives. On a change, a null field keeps the contact's value. {@code listIds} are the
 * lists it is on, {@code optedOutListIds} those it opted out of; a list named in the second only is on the first too.
 */
public record ContactDraft(String name, String email, Set<Long> listIds, Set<Long> optedOutListIds) {

    public ContactDraft {
        listIds = ids(listIds);
        optedOutListIds = ids(optedOutListIds);
    }

    private static Set<Long> ids(Collection<Long> ids) {
        return ids == null ? null : ids.stream().filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
    }
}
