package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The access model of the whole API in one table: for every operation of the OpenAPI document ({@code GET /api/docs}),
 * the answer of each kind of caller. The follower follows the record every record path names; the stranger is a user
 * who does not; the inbound key is an API key with the scope {@code inbound} alone; the marketing user has the role
 * {@code marketing} and follows nothing. An operation of the document
 * without its row fails the test: an endpoint cannot be added without deciding who may call it.
 *
 * <p>Paths name the fixtures created here (the record, its other follower, an attachment of its thread, a user); the
 * settings resources, which only administrators reach, and Email Marketing's, which administrators and marketing users
 * reach, name ids that do not exist, so that their answer (404, or 400 for an empty body) shows the request got past
 * security without changing anything. Users and
 * administrators call with API keys of the scope {@code all}: a password would cost a bcrypt hash per request.
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    /**
     * Expected status per operation and caller. {@code 200+} and {@code 200-}: a list that holds, or lacks, the
     * followed record. Users do not follow a record the stranger may open, and every settings resource is for
     * administrators; the contacts directory is open to users (the pages let them pick any contact as a follower). A
     * marketing user is a user who may also use Email Marketing (lists, contacts, mailings).
     */
    private static final String MATRIX = """
            operation                                               anonymous follower stranger inbound admin marketing
            GET    /api/records                                     401       200+     200-     403     200+      200-
            POST   /api/records                                     401       201      201      403     201       201
            GET    /api/records/{id}                                401       200      404      403     200       404
            GET    /api/records/{id}/followers                      401       200      404      403     200       404
            POST   /api/records/{id}/followers                      401       201      404      403     201       404
            DELETE /api/records/{id}/followers/{partnerId}          401       204      404      403     204       404
            GET    /api/records/{recordId}/messages                 401       200      404      403     200       404
            POST   /api/records/{recordId}/messages                 401       201      404      403     201       404
            GET    /api/attachments/{id}                            401       200      404      403     200       404
            GET    /api/partners                                    401       200      200      403     200       200
            POST   /api/partners                                    401       201      201      403     201       201
            GET    /api/partners/{id}                               401       200      200      403     200       200
            POST   /api/inbound                                     401       403      403      200     200       403
            GET    /api/inbound-log                                 401       403      403      403     200       403
            GET    /api/inbound-log/{id}                            401       403      403      403     404       403
            GET    /api/inbound-log/{id}/raw                        401       403      403      403     404       403
            POST   /api/inbound-log/{id}/retry                      401       403      403      403     404       403
            GET    /api/users                                       401       403      403      403     200       403
            POST   /api/users                                       401       403      403      403     400       403
            GET    /api/users/{id}                                  401       403      403      403     200       403
            PUT    /api/users/{id}                                  401       403      403      403     200       403
            GET    /api/users/{id}/api-keys                         401       403      403      403     200       403
            POST   /api/users/{id}/api-keys                         401       403      403      403     201       403
            DELETE /api/users/{id}/api-keys/{keyId}                 401       403      403      403     404       403
            GET    /api/me                                          401       200      200      403     200       200
            PUT    /api/me                                          401       200      200      403     200       200
            GET    /api/inbox                                       401       200      200      403     200       200
            POST   /api/inbox/read-all                              401       204      204      403     204       204
            POST   /api/inbox/{messageId}/read                      401       404      404      403     404       404
            POST   /api/inbox/{messageId}/star                      401       404      404      403     404       404
            DELETE /api/inbox/{messageId}/star                      401       404      404      403     404       404
            GET    /api/config-parameters                           401       403      403      403     200       403
            GET    /api/config-parameters/{key}                     401       403      403      403     404       403
            PUT    /api/config-parameters/{key}                     401       403      403      403     400       403
            DELETE /api/config-parameters/{key}                     401       403      403      403     404       403
            GET    /api/mail-servers                                401       403      403      403     200       403
            POST   /api/mail-servers                                401       403      403      403     400       403
            GET    /api/mail-servers/{id}                           401       403      403      403     404       403
            PUT    /api/mail-servers/{id}                           401       403      403      403     404       403
            DELETE /api/mail-servers/{id}                           401       403      403      403     404       403
            POST   /api/mail-servers/{id}/test                      401       403      403      403     404       403
            POST   /api/mail-servers/{id}/oauth/authorize           401       403      403      403     404       403
            GET    /api/incoming-servers                            401       403      403      403     200       403
            POST   /api/incoming-servers                            401       403      403      403     400       403
            GET    /api/incoming-servers/{id}                       401       403      403      403     404       403
            PUT    /api/incoming-servers/{id}                       401       403      403      403     404       403
            DELETE /api/incoming-servers/{id}                       401       403      403      403     404       403
            POST   /api/incoming-servers/{id}/test                  401       403      403      403     404       403
            POST   /api/incoming-servers/{id}/fetch                 401       403      403      403     404       403
            POST   /api/incoming-servers/{id}/oauth/authorize       401       403      403      403     404       403
            GET    /api/aliases                                     401       403      403      403     200       403
            POST   /api/aliases                                     401       403      403      403     400       403
            GET    /api/aliases/{id}                                401       403      403      403     404       403
            PUT    /api/aliases/{id}                                401       403      403      403     404       403
            DELETE /api/aliases/{id}                                401       403      403      403     404       403
            GET    /api/mail-queue                                  401       403      403      403     200       403
            GET    /api/mail-queue/{id}                             401       403      403      403     404       403
            POST   /api/mail-queue/process                          401       403      403      403     200       403
            POST   /api/mail-queue/{id}/retry                       401       403      403      403     404       403
            POST   /api/mail-queue/{id}/cancel                      401       403      403      403     404       403
            GET    /api/blacklist                                   401       403      403      403     200       403
            POST   /api/blacklist                                   401       403      403      403     400       403
            GET    /api/blacklist/{id}                              401       403      403      403     404       403
            DELETE /api/blacklist/{id}                              401       403      403      403     404       403
            GET    /api/dns-check                                   401       403      403      403     400       403
            GET    /api/dkim-keys                                   401       403      403      403     200       403
            POST   /api/dkim-keys                                   401       403      403      403     400       403
            GET    /api/dkim-keys/{id}                              401       403      403      403     404       403
            PUT    /api/dkim-keys/{id}                              401       403      403      403     404       403
            DELETE /api/dkim-keys/{id}                              401       403      403      403     404       403
            GET    /api/scheduled-actions                           401       403      403      403     200       403
            GET    /api/scheduled-actions/{id}                      401       403      403      403     404       403
            PUT    /api/scheduled-actions/{id}                      401       403      403      403     404       403
            POST   /api/scheduled-actions/{id}/run                  401       403      403      403     404       403
            GET    /api/mailing-lists                               401       403      403      403     200       200
            POST   /api/mailing-lists                               401       403      403      403     400       400
            GET    /api/mailing-lists/{id}                          401       403      403      403     404       404
            PUT    /api/mailing-lists/{id}                          401       403      403      403     400       400
            DELETE /api/mailing-lists/{id}                          401       403      403      403     404       404
            POST   /api/mailing-lists/{id}/import                   401       403      403      403     404       404
            GET    /api/mailing-contacts                            401       403      403      403     200       200
            POST   /api/mailing-contacts                            401       403      403      403     400       400
            GET    /api/mailing-contacts/{id}                       401       403      403      403     404       404
            PUT    /api/mailing-contacts/{id}                       401       403      403      403     404       404
            DELETE /api/mailing-contacts/{id}                       401       403      403      403     404       404
            GET    /api/mailings                                    401       403      403      403     200       200
            POST   /api/mailings                                    401       403      403      403     400       400
            GET    /api/mailings/{id}                               401       403      403      403     404       404
            PUT    /api/mailings/{id}                               401       403      403      403     404       404
            DELETE /api/mailings/{id}                               401       403      403      403     404       404
            POST   /api/mailings/{id}/test                          401       403      403      403     404       404
            POST   /api/mailings/{id}/send                          401       403      403      403     404       404
            POST   /api/mailings/{id}/schedule                      401       403      403      403     404       404
            POST   /api/mailings/{id}/cancel                        401       403      403      403     404       404
            GET    /api/mailings/{id}/traces                        401       403      403      403     404       404
            GET    /api/mailings/{id}/series                        401       403      403      403     404       404
            """;

    enum Caller {
        ANONYMOUS,
        FOLLOWER,
        STRANGER,
        INBOUND,
        ADMIN,
        MARKETING
    }

    /** An operation of the document, with the media type of its request body (null: none). */
    record Operation(String method, String path, String bodyType) {
        String name() {
            return method + " " + path;
        }
    }

    private static final String NOT_THERE = "987654321";

    @LocalServerPort
    int port;

    final Map<Caller, ApiClient> callers = new LinkedHashMap<>();
    ApiClient admin;
    String model;
    long record;
    long otherFollower;
    long attachment;
    long strangerId;

    @BeforeAll
    void createTheFixtures() {
        // one password check for the administrator's key, then keys only: each password costs a bcrypt hash
        admin = ApiClient.bearer(port, key(userId("admin"), "all"));
        String unique = UUID.randomUUID().toString().substring(0, 8);
        model = "matrix.access_" + unique;
        long follower = user("follower-" + unique);
        strangerId = user("stranger-" + unique);
        long mta = user("mta-" + unique);
        long marketer = user("marketer-" + unique, "marketing");

        record = created(admin.post("/api/records", Map.of("model", model, "name", "The followed record")));
        admin.post("/api/records/" + record + "/followers", Map.of("partnerId", partnerOf(follower)));
        otherFollower = created(
                admin.post("/api/partners", Map.of("name", "Other", "email", "other." + unique + "@example.com")));
        String content = Base64.getEncoder().encodeToString("a file".getBytes(StandardCharsets.UTF_8));
        JsonNode message = admin.post(
                        "/api/records/" + record + "/messages",
                        Map.of(
                                "type",
                                "note",
                                "body",
                                "<p>with a file</p>",
                                "attachments",
                                List.of(Map.of(
                                        "name", "file.txt", "mimetype", "text/plain", "contentBase64", content))))
                .json();
        attachment = message.get("attachments").get(0).get("id").asLong();

        callers.put(Caller.ANONYMOUS, ApiClient.anonymous(port));
        callers.put(Caller.FOLLOWER, ApiClient.bearer(port, key(follower, "all")));
        callers.put(Caller.STRANGER, ApiClient.bearer(port, key(strangerId, "all")));
        callers.put(Caller.INBOUND, ApiClient.bearer(port, key(mta, "inbound")));
        callers.put(Caller.ADMIN, admin);
        callers.put(Caller.MARKETING, ApiClient.bearer(port, key(marketer, "all")));
    }

    @Test
    void everyOperationAnswersEachCallerAsTheTableSays() {
        Map<String, List<String>> table = table();
        List<Operation> operations = operations();
        Set<String> documented =
                operations.stream().map(Operation::name).collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented)
                .as("operations of the OpenAPI document without a row in the table: decide who may call them")
                .isSubsetOf(table.keySet());
        assertThat(new TreeSet<>(table.keySet()))
                .as("rows of the table that name no operation of the document")
                .isSubsetOf(documented);

        List<String> wrong = new ArrayList<>();
        for (Operation operation : operations) {
            List<String> expected = table.get(operation.name());
            for (Caller caller : Caller.values()) {
                String answer = answer(operation, caller);
                if (!answer.equals(expected.get(caller.ordinal()))) {
                    wrong.add(operation.name() + " as " + caller + ": " + answer + " instead of "
                            + expected.get(caller.ordinal()));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The status, marked for the list of records with whether the followed record is in it. */
    private String answer(Operation operation, Caller caller) {
        if (operation.name().equals("DELETE /api/records/{id}/followers/{partnerId}")) {
            admin.post("/api/records/" + record + "/followers", Map.of("partnerId", otherFollower));
        }
        String path = path(operation.path());
        byte[] body = operation.bodyType() == null ? null : body(operation);
        ApiClient.Response response = callers.get(caller).send(operation.method(), path, operation.bodyType(), body);
        String status = String.valueOf(response.status());
        if (operation.name().equals("GET /api/records") && response.status() == 200) {
            boolean listed =
                    response.json().valueStream().anyMatch(r -> r.get("id").asLong() == record);
            return status + (listed ? "+" : "-");
        }
        return status;
    }

    /** The path with its parameters filled: this test's fixtures, or ids that do not exist. */
    private String path(String template) {
        if (template.equals("/api/records")) {
            return template + "?model=" + model;
        }
        if (template.equals("/api/dns-check")) {
            // a name that is no domain: the check answers 400 without asking the DNS
            return template + "?domain=not_a_domain";
        }
        Map<String, Object> values = Map.of();
        if (template.startsWith("/api/records/")) {
            values = Map.of("id", record, "recordId", record, "partnerId", otherFollower);
        } else if (template.startsWith("/api/attachments/")) {
            values = Map.of("id", attachment);
        } else if (template.startsWith("/api/partners/")) {
            values = Map.of("id", otherFollower);
        } else if (template.startsWith("/api/users/")) {
            values = Map.of("id", strangerId, "keyId", NOT_THERE);
        } else if (template.startsWith("/api/config-parameters/")) {
            values = Map.of("key", "matrix.no_such_key");
        }
        String path = template;
        for (Map.Entry<String, Object> value : values.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", String.valueOf(value.getValue()));
        }
        return path.replaceAll("\\{[^}]+}", NOT_THERE);
    }

    /** What each operation that takes a body is sent; an empty JSON object for the others. */
    private byte[] body(Operation operation) {
        String body = switch (operation.name()) {
            case "POST /api/records" -> ApiClient.json(Map.of("model", model, "name", "Created"));
            case "POST /api/records/{id}/followers" -> ApiClient.json(Map.of("partnerId", otherFollower));
            case "POST /api/records/{recordId}/messages" ->
                ApiClient.json(Map.of("type", "note", "body", "<p>a note</p>"));
            case "POST /api/partners" ->
                ApiClient.json(Map.of("name", "New contact", "email", "new.contact@example.com"));
            case "PUT /api/users/{id}" -> ApiClient.json(Map.of("name", "Stranger"));
            case "POST /api/users/{id}/api-keys" -> ApiClient.json(Map.of("name", "matrix"));
            case "POST /api/inbound" -> mail();
            default -> "{}";
        };
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** A mail for no one: refused by routing, and, being automatic, not answered (RFC 3834). */
    private static String mail() {
        return "From: robot@matrix.example\r\nTo: nobody@matrix.example\r\nSubject: Access matrix\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@matrix.example>\r\nAuto-Submitted: auto-generated\r\n"
                + "Date: Thu, 3 Dec 2026 10:00:00 +0000\r\n\r\nNothing.\r\n";
    }

    /** Every operation of the OpenAPI document, with the media type of its request body. */
    private List<Operation> operations() {
        ApiClient.Response docs = ApiClient.anonymous(port).get("/api/docs");
        assertThat(docs.status()).isEqualTo(200);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : docs.json().get("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                JsonNode content = method.getValue().path("requestBody").path("content");
                String bodyType =
                        content.isObject() ? content.propertyNames().iterator().next() : null;
                operations.add(
                        new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT), path.getKey(), bodyType));
            }
        }
        return operations;
    }

    private static Map<String, List<String>> table() {
        Map<String, List<String>> table = new LinkedHashMap<>();
        MATRIX.lines()
                .skip(1)
                .map(String::strip)
                .filter(line -> !line.isEmpty())
                .forEach(line -> {
                    String[] cells = line.split("\\s+");
                    assertThat(cells).as(line).hasSize(2 + Caller.values().length);
                    table.put(cells[0] + " " + cells[1], List.of(cells).subList(2, cells.length));
                });
        return table;
    }

    private long user(String login) {
        return user(login, "user");
    }

    private long user(String login, String role) {
        return created(admin.post(
                "/api/users",
                Map.of("login", login, "password", "matrix-password", "email", login + "@example.com", "role", role)));
    }

    private long userId(String login) {
        return ApiClient.admin(port)
                .get("/api/users")
                .json()
                .valueStream()
                .filter(u -> u.get("login").asString().equals(login))
                .findFirst()
                .orElseThrow()
                .get("id")
                .asLong();
    }

    private long partnerOf(long userId) {
        return admin.get("/api/users/" + userId).json().get("partnerId").asLong();
    }

    private String key(long userId, String scope) {
        ApiClient.Response key = (admin == null ? ApiClient.admin(port) : admin)
                .post("/api/users/" + userId + "/api-keys", Map.of("name", "matrix", "scopes", List.of(scope)));
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        assertThat(key.json().get("scopes").valueStream().map(JsonNode::asString))
                .containsExactly(scope);
        return key.json().get("key").asString();
    }

    private static long created(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.id();
    }
}
