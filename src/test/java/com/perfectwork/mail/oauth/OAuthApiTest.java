package com.perfectwork.mail.oauth;

import com.perfectwork.mail.ClockedApiTest;
import com.perfectwork.mail.PostgresDatabases;
import com.perfectwork.mail.ServerProcess;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test of the servers' OAuth2 sign-in: the whole server, its time and queue driven by the test as in
 * {@link ClockedApiTest}, with Google's and Microsoft's endpoints pointing at the {@link LocalAuthorizationServer}.
 * Its own context: the provider sends the browser back to {@code perfectwork.base-url}, which must be the server's
 * real address, so the port is chosen before the server starts. Every class using it shares that one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "perfectwork.mail.queue.claim-lease=2s",
            "perfectwork.mail.queue.wake-on-post=false",
            "perfectwork.scheduling.enabled=false",
            "perfectwork.attachments.max-size=1KB"
        })
@ActiveProfiles("test")
@Import(ClockedApiTest.Clocks.class)
@ContextConfiguration(initializers = OAuthApiTest.LocalProviders.class)
public @interface OAuthApiTest {

    /** The port, the base URL, the providers' endpoints and, on PostgreSQL, a database of its own. */
    class LocalProviders implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            LocalAuthorizationServer provider = LocalAuthorizationServer.shared();
            int port = ServerProcess.freePort();
            Map<String, Object> properties = new HashMap<>();
            properties.put("server.port", port);
            properties.put("perfectwork.base-url", "http://127.0.0.1:" + port);
            for (String name : new String[] {"google", "microsoft"}) {
                properties.put(
                        "perfectwork.oauth." + name + ".authorization-uri",
                        provider.authorizationUri(name).toString());
                properties.put(
                        "perfectwork.oauth." + name + ".token-uri",
                        provider.tokenUri(name).toString());
            }
            PostgresDatabases.suiteUrl()
                    .ifPresent(suite -> properties.put(
                            "spring.datasource.url", PostgresDatabases.create(database(suite) + "_oauth")));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("oauth-api-test", properties));
        }

        private static String database(String url) {
            String path = url.substring(url.lastIndexOf('/') + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }
}
