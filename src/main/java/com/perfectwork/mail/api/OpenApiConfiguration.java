package com.perfectwork.mail.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /api/docs}: what the API is and how to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI perfectworkMailApi() {
        return new OpenAPI()
                .info(new Info().title("Perfectwork Mail API").version("1").description("""
                                Records and their chatter, partners, users, API keys, system parameters, scheduled actions, and
                                Email Marketing's mailing lists, contacts and mailings (administrators and users with the role
                                marketing).
                                Errors are RFC 9457 problem details (application/problem+json) with `errors: [{field, message}]`
                                for invalid input. Additions to the published contract: `GET /api/users/{id}/api-keys` (keys by
                                prefix, never the key), `offset`/`limit` paging on lists (200 by default, 1000 at most),
                                `GET /api/scheduled-actions/{id}`, `lastRunDetail` on scheduled actions, `search` on mailing lists,
                                `importId`, `optedOut` and `invalidCount` in a mailing list's import report, and on mailings:
                                `GET /api/mailings/{id}/series` (mails sent, first opens and first clicks per step of time),
                                `state` and `search` on the list, `exclusion`, `sentAt`, `repliedAt` and `unsubscribedAt` on
                                traces, `canceled` in a mailing's progress and `tracking` (on by default) on a mailing."""))
                .components(new Components()
                        .addSecuritySchemes(
                                "basic",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("basic"))
                        .addSecuritySchemes(
                                "apiKey",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("An API key created with POST /api/users/{id}/api-keys")))
                .addSecurityItem(new SecurityRequirement().addList("basic"))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
