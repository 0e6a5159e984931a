package com.perfectwork.mail.web;

import java.util.Map;

/**
 * A follower to add, as the browser sends it: an email (an unknown one creates the contact, named by {@code name}
 * or by the address), or only the name of an existing contact.
 */
record FollowerForm(String name, String email) {

    boolean byEmail() {
        return email != null && !email.isBlank();
    }

    /** What the form shows again when the follower is refused. */
    Map<String, String> fields() {
        return Map.of("followerName", name == null ? "" : name, "followerEmail", email == null ? "" : email);
    }
}
