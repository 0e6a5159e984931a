package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Every bad request is a problem detail with a clear status, never a 500. */
@ApiTest
class ErrorsIT {

    @LocalServerPort
    int port;

    ApiClient admin;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{", "{\"model\": ", "not json at all", "[1,2,3]", "{\"model\": \"crm.lead\", \"name\": [1]}", ""
            })
    void malformedJsonIs400(String body) {
        assertProblem(admin.postRaw("/api/records", "application/json", body), 400);
    }

    @Test
    void aWrongTypeNamesTheProperty() {
        ApiClient.Response response =
                admin.postRaw("/api/records/1/followers", "application/json", "{\"partnerId\": \"abc\"}");
        assertProblem(response, 400);
        assertThat(response.json().get("detail").asString()).contains("partnerId");
    }

    @Test
    void aNonNumericIdIs400AndAnUnknownOne404() {
        assertProblem(admin.get("/api/records/abc"), 400);
        assertProblem(admin.get("/api/records/123456789"), 404);
        assertProblem(admin.get("/api/partners/123456789"), 404);
        assertProblem(admin.get("/api/users/123456789"), 404);
        assertProblem(admin.get("/api/config-parameters/no.such.key"), 404);
    }

    @Test
    void anUnknownPathIs404AndAWrongMethod405() {
        assertProblem(admin.get("/api/no-such-resource"), 404);
        assertProblem(admin.delete("/api/records"), 405);
    }

    /** What a form of another site can send (text/plain, form fields, multipart) is read by no operation. */
    @Test
    void aBodyIsReadOnlyWithItsDeclaredTypeAndOtherwiseIs415() {
        assertProblem(admin.postRaw("/api/records", "text/plain", "model=crm.lead"), 415);
        assertProblem(
                admin.postRaw("/api/records", "application/x-www-form-urlencoded", "model=crm.lead&name=Form"), 415);
        assertProblem(admin.postRaw("/api/records", "multipart/form-data; boundary=b", "--b--\r\n"), 415);
        String mail = "From: a@example.com\r\nSubject: Form\r\n\r\nA mail as text.\r\n";
        assertProblem(admin.postRaw("/api/inbound", "text/plain", mail), 415);
        assertProblem(admin.postRaw("/api/inbound", "application/octet-stream", mail), 415);
    }

    private static void assertProblem(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.has("detail")).isTrue();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at com.");
    }
}
