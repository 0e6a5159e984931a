package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.ApiKeys;
import com.perfectwork.mail.directory.LoginThrottle;
import com.perfectwork.mail.directory.Role;
import com.perfectwork.mail.directory.UserAccounts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Who may call what. {@code /api/**} is stateless: HTTP Basic or a Bearer API key on every call, no
 * session, no CSRF token (no cookie authenticates it, and no 401 asks a browser for a password: {@link
 * ProblemResponses}). Settings resources are for administrators (the contract marks them); the gateway for
 * administrators and API keys with the scope {@code inbound}, which open nothing else; Email Marketing's for
 * administrators and marketing users; every other resource for users (marketing users are users too),
 * who see only the records they follow ({@code discussion.RecordAccess}). Health and metrics are open for probes and
 * scrapers. Every login and password, from any chain, is checked through the {@link LoginThrottle}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** The resources the contract reserves to administrators. */
    static final String[] ADMIN_RESOURCES = {
        "/api/config-parameters/**", "/api/users/**", "/api/mail-servers/**", "/api/incoming-servers/**",
        "/api/aliases/**", "/api/inbound-log/**", "/api/mail-queue/**", "/api/blacklist/**",
        "/api/scheduled-actions/**", "/api/dns-check/**", "/api/dkim-keys/**"
    };

    /** Email Marketing's resources: for administrators and marketing users. */
    static final String[] MARKETING_RESOURCES = {"/api/mailing-lists/**", "/api/mailing-contacts/**", "/api/mailings/**"
    };

    /** The HTTP gateway of incoming mail. */
    static final String INBOUND = "/api/inbound";

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http,
            AuthenticationManager logins,
            ApiKeys apiKeys,
            LoginThrottle throttle,
            ProblemResponses problems)
            throws Exception {
        return http.securityMatcher("/api/**")
                .authenticationManager(logins)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/docs", "/api/docs/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, INBOUND)
                        .hasAnyAuthority("ROLE_" + Role.ADMIN.name(), CurrentUser.INBOUND)
                        .requestMatchers(ADMIN_RESOURCES)
                        .hasRole(Role.ADMIN.name())
                        .requestMatchers(MARKETING_RESOURCES)
                        .hasAnyRole(Role.ADMIN.name(), Role.MARKETING.name())
                        .anyRequest()
                        .hasAnyRole(Role.ADMIN.name(), Role.USER.name()))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(
                        new ApiKeyAuthenticationFilter(apiKeys, throttle, problems), BasicAuthenticationFilter.class)
                .build();
    }

    /** After the web pages' chain (form login, sessions, CSRF), which claims {@code /web/**}. */
    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http, AuthenticationManager logins, ProblemResponses problems)
            throws Exception {
        return http.authenticationManager(logins)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus", "/actuator/info")
                        .permitAll()
                        .requestMatchers("/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(
                        errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .build();
    }

    /**
     * No observation of the security filters, authentications or authorizations: no tracing is exported, and
     * with an observation registry present every filter of every request is otherwise wrapped, observed or not
     * (the property {@code management.observations.enable.spring.security=false} only makes the observations
     * no-ops, the wrapping stayed). Request metrics
     * ({@code http.server.requests}) are kept.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The one way a login and password are checked, for every chain (the pages' form too): the accounts of {@code
     * directory}, their hashes by its password encoder, behind the {@link LoginThrottle}. No {@code UserDetailsService}
     * bean, so that nothing can build an unthrottled check of its own.
     */
    @Bean
    AuthenticationManager logins(UserAccounts users, PasswordEncoder passwords, LoginThrottle throttle) {
        UserDetailsService accounts = login -> users.credentials(login)
                .map(CurrentUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("unknown login"));
        DaoAuthenticationProvider checked = new DaoAuthenticationProvider(accounts);
        checked.setPasswordEncoder(passwords);
        return new ProviderManager(new ThrottledLogins(throttle, checked));
    }
}
