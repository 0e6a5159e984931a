package com.perfectwork.mail.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ApiTest
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIT {

    @LocalServerPort
    int port;

    @Test
    void healthAndMetricsAnswerWithoutCredentials() {
        ApiClient anonymous = ApiClient.anonymous(port);
        ApiClient.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
        ApiClient.Response metrics = anonymous.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        ApiClient.Response docs = ApiClient.anonymous(port).get("/api/docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.propertyNames())
                .contains(
                        "/api/records",
                        "/api/records/{recordId}/messages",
                        "/api/records/{id}/followers",
                        "/api/partners",
                        "/api/users",
                        "/api/users/{id}/api-keys",
                        "/api/config-parameters/{key}",
                        "/api/attachments/{id}");
    }

    @Test
    void requestsAreLoggedWithoutSecrets(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel("com.perfectwork.mail.requests", LogLevel.INFO);
        try {
            logSomeRequests(output);
        } finally {
            logging.setLogLevel("com.perfectwork.mail.requests", LogLevel.WARN);
        }
    }

    private void logSomeRequests(CapturedOutput output) {
        ApiClient admin = ApiClient.admin(port);
        long userId = admin.post("/api/users", Map.of("login", UsersIT.unique("log"), "password", "secret-pass-123"))
                .id();
        String key = admin.post("/api/users/" + userId + "/api-keys", Map.of("name", "k"))
                .json()
                .get("key")
                .asString();
        ApiClient.bearer(port, key).get("/api/records?model=crm.lead");
        assertThat(output.getAll())
                .contains("POST /api/users 201")
                .containsPattern("GET /api/records 200 \\d+ms user=log-")
                .doesNotContain("secret-pass-123")
                .doesNotContain(key)
                .doesNotContain("Authorization")
                .doesNotContain("admin-test-password");
    }
}
