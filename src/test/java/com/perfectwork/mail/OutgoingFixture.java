package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Builds what an outgoing test needs through the API, as an administrator would: a clean set of
 * outgoing servers, the alias domain, a record with followers.
 */
public final class OutgoingFixture {

    private final ApiClient admin;

    public OutgoingFixture(ApiClient admin) {
        this.admin = admin;
    }

    /** Deletes every outgoing server (and cancels what is queued), so that the test decides alone. */
    public OutgoingFixture noServers() {
        noQueuedMails();
        admin.get("/api/mail-servers")
                .json()
                .valueStream()
                .forEach(server ->
                        admin.delete("/api/mail-servers/" + server.get("id").asLong()));
        return this;
    }

    /** Cancels every mail still queued, so that no test's leftovers reach the next test's servers. */
    public OutgoingFixture noQueuedMails() {
        admin.get("/api/mail-queue?state=outgoing&limit=1000")
                .json()
                .valueStream()
                .forEach(mail -> admin.post("/api/mail-queue/" + mail.get("id").asLong() + "/cancel", Map.of()));
        return this;
    }

    public OutgoingFixture catchallDomain(String domain) {
        if (domain == null) {
            admin.delete("/api/config-parameters/mail.catchall.domain");
        } else {
            assertThat(admin.put("/api/config-parameters/mail.catchall.domain", Map.of("value", domain))
                            .status())
                    .isEqualTo(200);
        }
        return this;
    }

    public OutgoingFixture parameter(String key, String value) {
        if (value == null) {
            admin.delete("/api/config-parameters/" + key);
        } else {
            assertThat(admin.put("/api/config-parameters/" + key, Map.of("value", value))
                            .status())
                    .isEqualTo(200);
        }
        return this;
    }

    /** An outgoing server on 127.0.0.1 without encryption nor login; {@code extra} overrides fields. */
    public long server(String name, int port, String fromFilter, int priority, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(
                Map.of("name", name, "host", "127.0.0.1", "port", port, "encryption", "none", "priority", priority));
        if (fromFilter != null) {
            body.put("fromFilter", fromFilter);
        }
        body.putAll(extra);
        ApiClient.Response created = admin.post("/api/mail-servers", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    public long record(String name) {
        return admin.post("/api/records", Map.of("model", "crm.lead", "name", name))
                .id();
    }

    /** A follower with a unique address at {@code domain}; returns {partnerId, email}. */
    public JsonNode follower(long record, String name, String domain) {
        String email = local(name) + "@" + domain;
        ApiClient.Response response =
                admin.post("/api/records/" + record + "/followers", Map.of("name", name, "email", email));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** A partner to author messages, with a unique address at {@code domain}. */
    public long author(String name, String domain) {
        String email = local(name) + "@" + domain;
        return admin.post("/api/partners", Map.of("name", name, "email", email)).id();
    }

    public JsonNode post(long record, long author, String subject, String body) {
        Map<String, Object> message = new HashMap<>(Map.of("body", body, "authorPartnerId", author));
        if (subject != null) {
            message.put("subject", subject);
        }
        ApiClient.Response response = admin.post("/api/records/" + record + "/messages", message);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    /** A comment with one attachment, its bytes as given; returns the message. */
    public JsonNode postWithAttachment(long record, long author, String body, String name, byte[] content) {
        ApiClient.Response response = admin.post(
                "/api/records/" + record + "/messages",
                Map.of(
                        "body",
                        body,
                        "authorPartnerId",
                        author,
                        "attachments",
                        List.of(Map.of(
                                "name",
                                name,
                                "contentBase64",
                                Base64.getEncoder().encodeToString(content)))));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String local(String name) {
        return name.toLowerCase().split("[\\r\\n]")[0].replace(' ', '.').replaceAll("[^a-z.]", "") + "."
                + UUID.randomUUID().toString().substring(0, 6);
    }

    public List<JsonNode> queue(String state) {
        return admin.get("/api/mail-queue?limit=1000" + (state == null ? "" : "&state=" + state))
                .json()
                .valueStream()
                .toList();
    }

    public JsonNode mailTo(String email) {
        return queue(null).stream()
                .filter(m -> m.get("emailTo").asString().contains(email))
                .findFirst()
                .orElseThrow();
    }
}
