package com.perfectwork.mail.oauth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

/**
 * An administrator's browser without a browser: HTTP with a cookie jar, following redirects from one site to the
 * other (the server, the provider, the callback) as a browser does, and sending forms with the CSRF token of the last
 * page it read. Each page it went through is kept, so that a test sees the whole way.
 */
final class AdminBrowser {

    /** Where the browser ended: the last address, its status and body. */
    record Page(URI url, int status, String body) {

        String text(String id) {
            Element element = Jsoup.parse(body).getElementById(id);
            return element == null ? null : element.text();
        }
    }

    private final URI base;
    private final HttpClient http;
    private final List<URI> visited = new ArrayList<>();
    private String csrf;

    AdminBrowser(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    AdminBrowser login(String login, String password) {
        get("/web/login");
        post("/web/login", Map.of("username", login, "password", password));
        return this;
    }

    Page get(String pathOrUrl) {
        return follow(HttpRequest.newBuilder(resolve(pathOrUrl)).GET());
    }

    /** Posts a form with the CSRF token of the last page read, then follows where it leads. */
    Page post(String path, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        if (csrf != null) {
            form.putIfAbsent("_csrf", csrf);
        }
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** The addresses of every request made so far, in order. */
    List<URI> visited() {
        return List.copyOf(visited);
    }

    private Page follow(HttpRequest.Builder first) {
        HttpRequest.Builder request = first;
        for (int hop = 0; hop < 10; hop++) {
            HttpRequest built = request.header("Accept", "text/html").build();
            visited.add(built.uri());
            HttpResponse<String> response = send(built);
            String location = response.headers().firstValue("Location").orElse(null);
            if (response.statusCode() / 100 == 3 && location != null) {
                request = HttpRequest.newBuilder(built.uri().resolve(location)).GET();
                continue;
            }
            Element token = Jsoup.parse(response.body()).selectFirst("input[name=_csrf]");
            if (token != null) {
                csrf = token.attr("value");
            }
            return new Page(built.uri(), response.statusCode(), response.body());
        }
        throw new AssertionError("more than 10 redirects: " + visited);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI resolve(String pathOrUrl) {
        return pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : base.resolve(pathOrUrl);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
