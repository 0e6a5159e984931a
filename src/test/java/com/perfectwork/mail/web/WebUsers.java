package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import java.util.Map;
import java.util.UUID;

/** Users for the page tests, created through the API as an administrator would. */
final class WebUsers {

    static final String USER_PASSWORD = "user-password-1";

    private WebUsers() {}

    /** A new user without the admin role; returns its login. */
    static String plainUser(ApiClient admin) {
        return user(admin, "user");
    }

    /** A new user with the marketing role: a user who may also use Email Marketing; returns its login. */
    static String marketingUser(ApiClient admin) {
        return user(admin, "marketing");
    }

    private static String user(ApiClient admin, String role) {
        String login = "web-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = admin.post(
                "/api/users",
                Map.of(
                        "login",
                        login,
                        "password",
                        USER_PASSWORD,
                        "name",
                        "Wendy User",
                        "email",
                        login + "@example.com",
                        "role",
                        role));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return login;
    }
}
