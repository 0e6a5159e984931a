package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.LoginThrottledException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * 401, 403 and 429 as problem details, written by the security filters before any controller runs.
 *
 * <p>A 401 challenges with {@code Bearer} only (RFC 9110, section 11.6.1 wants a challenge; RFC 6750 names it), never
 * {@code Basic}: a browser that met a Basic challenge would ask for a password, keep it, and send it with every later
 * request to the server, even one a form of another site makes. Without it, no browser holds credentials for the API,
 * which accepts Basic all the same from programs that send it.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof LoginThrottledException throttled) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            write(
                    request,
                    response,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed logins for this login or from this address: try again in "
                            + throttled.retryAfterSeconds() + " seconds.");
            return;
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Perfectwork Mail\"");
        write(
                request,
                response,
                HttpStatus.UNAUTHORIZED,
                "Authentication is required: HTTP Basic with a login and password, or Authorization: Bearer <API key>. "
                        + (e.getMessage() == null ? "" : e.getMessage()));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        write(request, response, HttpStatus.FORBIDDEN, refusal(request));
    }

    private static String refusal(HttpServletRequest request) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.getPrincipal() instanceof CurrentUser user && user.inboundOnly()) {
            return "This API key has the scope inbound: it may only post mail to POST /api/inbound.";
        }
        if (request.getRequestURI().equals(SecurityConfiguration.INBOUND)) {
            return "POST /api/inbound is for administrators and API keys with the scope inbound.";
        }
        return "This resource is for administrators only.";
    }

    private void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail.strip());
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
