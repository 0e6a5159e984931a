package com.perfectwork.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the REST API, as an outside client sees it: JSON in, status and JSON out. */
public final class ApiClient {

    public record Response(int status, String contentType, String body, HttpResponse<byte[]> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public long id() {
            return json().get("id").asLong();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String authorization;
    private final String forwardedFor;

    private ApiClient(String base, String authorization) {
        this(base, authorization, null);
    }

    private ApiClient(String base, String authorization, String forwardedFor) {
        this.base = base;
        this.authorization = authorization;
        this.forwardedFor = forwardedFor;
    }

    /**
     * The same client as if behind a proxy that names this client address in {@code X-Forwarded-For} (which the test
     * server follows from 127.0.0.1).
     */
    public ApiClient from(String address) {
        return new ApiClient(base, authorization, address);
    }

    public static ApiClient anonymous(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    public static ApiClient basic(int port, String login, String password) {
        String token = Base64.getEncoder().encodeToString((login + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient("http://127.0.0.1:" + port, "Basic " + token);
    }

    public static ApiClient admin(int port) {
        return basic(port, "admin", ApiTest.ADMIN_PASSWORD);
    }

    public static ApiClient bearer(int port, String key) {
        return new ApiClient("http://127.0.0.1:" + port, "Bearer " + key);
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** A DELETE with a JSON body, for resources that take a note on removal. */
    public Response delete(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").method("DELETE", bodyOf(body)));
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").POST(bodyOf(body)));
    }

    /** A POST that may take longer than the minute every other call is given (a CSV import, a mailing's send). */
    public Response post(String path, Object body, Duration timeout) {
        return send(request(path)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(bodyOf(body)));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json").PUT(bodyOf(body)));
    }

    /** Sends a body exactly as given, for malformed JSON and other bad input. */
    public Response postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts raw bytes, for the inbound gateway. */
    public Response postBytes(String path, String contentType, byte[] body) {
        return send(
                request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts raw bytes with a longer timeout than the minute every other call is given (a large CSV import). */
    public Response postBytes(String path, String contentType, byte[] body, Duration timeout) {
        return send(request(path)
                .timeout(timeout)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Any method, with a body of this type or none (a null body). */
    public Response send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path);
        if (body == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()));
        }
        return send(request.header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (forwardedFor != null) {
            builder.header("X-Forwarded-For", forwardedFor);
        }
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private static HttpRequest.BodyPublisher bodyOf(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : json(body));
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
