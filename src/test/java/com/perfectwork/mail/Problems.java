package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 problem answers. */
public final class Problems {

    private Problems() {}

    /** A 400 problem whose {@code errors} name the field. */
    public static void assertField(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains(field);
    }
}
