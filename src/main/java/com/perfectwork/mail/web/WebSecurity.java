package com.perfectwork.mail.web;

import com.perfectwork.mail.directory.LoginThrottledException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may open which page. Unlike {@code /api/**} (stateless, a credential on every call), the pages sign in
 * once with a form and keep a session (its timeout is {@code server.servlet.session.timeout}); a session cookie
 * authenticates every request, so every form carries a CSRF token. Settings and Technical are for
 * administrators, Email Marketing ({@value #MARKETING}) for administrators and marketing users: anyone else gets the
 * access-denied page, never a stack trace. The users are the accounts of
 * {@code directory}, checked by the application's one {@link AuthenticationManager} (behind the login throttle).
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    static final String LOGIN_PAGE = "/web/login";

    /** The login page again, saying how long to wait, as the answer (429) to a login the throttle refused. */
    static final String LOGIN_THROTTLED = "/web/login/throttled";

    /**
     * Where Google and Microsoft send an administrator back after connecting a server's account: a page like the
     * settings, in the same session (an administrator signed out is asked to sign in, then brought back).
     */
    static final String OAUTH = "/oauth";

    /** Where every page of Email Marketing lives. */
    static final String MARKETING = "/web/marketing";

    /** Ordered after the API's chain, which claims {@code /api/**}, and before the catch-all one. */
    @Bean
    @Order(2)
    SecurityFilterChain webPages(HttpSecurity http, AuthenticationManager logins) throws Exception {
        return http.securityMatcher("/", "/web", "/web/**", "/css/**", "/webjars/**", OAUTH + "/**")
                .authenticationManager(logins)
                .authorizeHttpRequests(
                        auth -> auth.requestMatchers(LOGIN_PAGE, LOGIN_THROTTLED, "/css/**", "/webjars/**")
                                .permitAll()
                                .requestMatchers(
                                        "/web/settings",
                                        "/web/settings/**",
                                        "/web/technical",
                                        "/web/technical/**",
                                        "/web/dashboard",
                                        OAUTH + "/**")
                                .hasRole("ADMIN")
                                .requestMatchers(MARKETING, MARKETING + "/**")
                                .hasAnyRole("ADMIN", "MARKETING")
                                .anyRequest()
                                .authenticated())
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .defaultSuccessUrl("/web", false)
                        .failureHandler(WebSecurity::loginFailed))
                .logout(logout -> logout.logoutUrl("/web/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .exceptionHandling(errors -> errors.accessDeniedPage(PageErrors.FORBIDDEN_PAGE)
                        // registered before the form login's own entry point, so that it is asked first
                        .defaultAuthenticationEntryPointFor(
                                WebSecurity::loginPageAsAWholePage, request -> request.getHeader("HX-Request") != null))
                .build();
    }

    /**
     * A wrong login or password goes back to the login page, which says so. One refused by the login throttle, before
     * its password was checked, is answered on the spot: 429 with {@code Retry-After}, and the login page saying how
     * long to wait (forwarded to, so that the answer keeps its status).
     */
    private static void loginFailed(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, ServletException {
        if (failure instanceof LoginThrottledException throttled) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
            request.setAttribute(PagesController.WAIT_SECONDS, throttled.retryAfterSeconds());
            request.getRequestDispatcher(LOGIN_THROTTLED).forward(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + LOGIN_PAGE + "?error");
    }

    /**
     * A part of a page asked for by htmx (the thread's poll, Test Connection) without a session, after a restart
     * or a log out in another tab: htmx is told to open the login page as a whole page. Following a redirect
     * instead, it would put the login form where the refreshed part was.
     */
    private static void loginPageAsAWholePage(
            HttpServletRequest request, HttpServletResponse response, AuthenticationException unauthenticated) {
        response.setHeader("HX-Redirect", request.getContextPath() + LOGIN_PAGE);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
    }
}
