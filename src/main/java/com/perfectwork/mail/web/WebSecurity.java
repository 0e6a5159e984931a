package com.perfectwork.mail.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may open which page. Unlike {@code /api/**} (stateless, a credential on every call), the pages sign in
 * once with a form and keep a session (its timeout is {@code server.servlet.session.timeout}); a session cookie
 * authenticates every request, so every form carries a CSRF token. Settings and Technical are for
 * administrators: anyone else gets the access-denied page, never a stack trace. The users are the accounts of
 * {@code directory}, through the application's one {@code UserDetailsService}.
 */
@Configuration(proxyBeanMethods = false)
class WebSecurity {

    static final String LOGIN_PAGE = "/web/login";

    /** Ordered after the API's chain, which claims {@code /api/**}, and before the catch-all one. */
    @Bean
    @Order(2)
    SecurityFilterChain webPages(HttpSecurity http) throws Exception {
        return http.securityMatcher("/", "/web", "/web/**", "/css/**", "/webjars/**")
                .authorizeHttpRequests(auth -> auth.requestMatchers(LOGIN_PAGE, "/css/**", "/webjars/**")
                        .permitAll()
                        .requestMatchers(
                                "/web/settings",
                                "/web/settings/**",
                                "/web/technical",
                                "/web/technical/**",
                                "/web/dashboard")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage(LOGIN_PAGE)
                        .defaultSuccessUrl("/web", false)
                        .failureUrl(LOGIN_PAGE + "?error"))
                .logout(logout -> logout.logoutUrl("/web/logout").logoutSuccessUrl(LOGIN_PAGE + "?logout"))
                .exceptionHandling(errors -> errors.accessDeniedPage(PageErrors.FORBIDDEN_PAGE)
                        // registered before the form login's own entry point, so that it is asked first
                        .defaultAuthenticationEntryPointFor(
                                WebSecurity::loginPageAsAWholePage, request -> request.getHeader("HX-Request") != null))
                .build();
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
