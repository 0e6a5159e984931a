package com.perfectwork.mail.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without a browser: plain HTTP with a cookie jar, signing in through the login form and sending
 * forms with the CSRF token of the last page it read. Redirects are not followed, so that a test sees them.
 */
final class FormSession {

    record Page(int status, String location, String body, HttpHeaders headers) {}

    /** A file the server sent: its bytes exactly, with the headers that name and type it. */
    record Download(int status, String contentType, String disposition, byte[] bytes) {}

    private final String base;
    private final HttpClient http;
    private final String forwardedFor;
    private String csrf;

    FormSession(int port) {
        this(port, null);
    }

    /** A browser at this address, behind a proxy that names it in {@code X-Forwarded-For}. */
    FormSession(int port, String forwardedFor) {
        this.forwardedFor = forwardedFor;
        this.base = "http://127.0.0.1:" + port;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Signs in with the login form; returns the answer to the form (a redirect when it worked). */
    Page login(String login, String password) {
        get("/web/login");
        return post("/web/login", Map.of("username", login, "password", password));
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .GET());
    }

    /** A page that must answer 200, parsed. */
    Document document(String path) {
        Page page = get(path);
        if (page.status() != 200) {
            throw new AssertionError(path + " answered " + page.status() + " instead of 200");
        }
        return Jsoup.parse(page.body());
    }

    Download download(String path) {
        HttpResponse<byte[]> response = exchange(
                HttpRequest.newBuilder(URI.create(base + path)).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(null),
                response.headers().firstValue("Content-Disposition").orElse(null),
                response.body());
    }

    /** Posts a form with the CSRF token of the last page read. */
    Page post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, form, Map.of());
    }

    /** Posts exactly these fields (no CSRF token unless given) with these extra headers. */
    Page postRaw(String path, Map<String, String> form, Map<String, String> headers) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    /** A file as a form sends it. */
    record Upload(String field, String name, String mimetype, byte[] content) {}

    /** Posts a multipart form (as a form with a file input does) with the CSRF token of the last page read. */
    Page postMultipart(String path, Map<String, String> fields, List<Upload> uploads) {
        String boundary = "----form-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        form.forEach((name, value) -> body.writeBytes(
                ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                        .getBytes(StandardCharsets.UTF_8)));
        for (Upload upload : uploads) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + upload.field()
                            + "\"; filename=\"" + upload.name() + "\"\r\nContent-Type: " + upload.mimetype()
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(upload.content());
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A GET with extra headers (as htmx sends its requests). */
    Page get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html")
                .GET();
        headers.forEach(request::header);
        return send(request);
    }

    private Page send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        Element token = Jsoup.parse(response.body()).selectFirst("input[name=_csrf]");
        if (token != null) {
            csrf = token.attr("value");
        }
        return new Page(
                response.statusCode(),
                response.headers().firstValue("Location").orElse(null),
                response.body(),
                response.headers());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
