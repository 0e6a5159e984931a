package com.perfectwork.mail.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The addresses a mailing's recipients open from their mail, without a login: the token in the path is the
 * credential ({@code mailing.TraceToken}). The unsubscribe page's forms keep their CSRF token; the RFC 8058 one-click
 * POST cannot carry one (the mail client posts it), and needs none: it only unsubscribes its own recipient.
 */
@Configuration(proxyBeanMethods = false)
class PublicMailSecurity {

    static final String UNSUBSCRIBE = "/mail/unsubscribe";
    static final String TRACK = "/mail/track";

    @Bean
    @Order(0)
    SecurityFilterChain recipients(HttpSecurity http) throws Exception {
        return http.securityMatcher("/mail/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.ignoringRequestMatchers(
                        PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, UNSUBSCRIBE + "/*")))
                .requestCache(cache -> cache.disable())
                .build();
    }
}
