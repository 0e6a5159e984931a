package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.ApiKeys;
import com.perfectwork.mail.directory.KeyCredentials;
import com.perfectwork.mail.directory.LoginThrottle;
import com.perfectwork.mail.directory.LoginThrottledException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <API key>}. A presented key that is unknown, revoked, or whose user is
 * inactive ends the request with 401 at once: it never falls through to anonymous access. Keys go through the
 * {@link LoginThrottle} like passwords, known by their prefix: an address that presents wrong keys is refused with 429
 * before the next one is looked up.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys apiKeys;
    private final LoginThrottle throttle;
    private final ProblemResponses problems;
    private final SecurityContextRepository contexts = new RequestAttributeSecurityContextRepository();

    ApiKeyAuthenticationFilter(ApiKeys apiKeys, LoginThrottle throttle, ProblemResponses problems) {
        this.apiKeys = apiKeys;
        this.throttle = throttle;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        String key = header.substring(BEARER.length()).strip();
        String login = "API key " + ApiKeys.prefix(key);
        String address = request.getRemoteAddr();
        Optional<Duration> wait = throttle.wait(login, address);
        if (wait.isPresent()) {
            SecurityContextHolder.clearContext();
            problems.commence(request, response, new LoginThrottledException(wait.get()));
            return;
        }
        Optional<KeyCredentials> found = apiKeys.authenticate(key);
        if (found.isEmpty()) {
            throttle.failed(login, address);
            SecurityContextHolder.clearContext();
            problems.commence(request, response, new BadCredentialsException("The API key is unknown or revoked."));
            return;
        }
        throttle.succeeded(login, address);
        CurrentUser user = new CurrentUser(found.get().user(), found.get().scopes());
        var authentication = UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        chain.doFilter(request, response);
    }
}
