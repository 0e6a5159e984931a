package com.perfectwork.mail;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test on the whole server whose time and queue the test drives: the server reads a
 * {@link MovableClock}, claims of the queue lease for two seconds (extended by their heartbeat), posting does not wake
 * the queue runner, scheduled actions run only when asked, and an attachment may hold 1 KB (a larger one makes a
 * received mail fail). On PostgreSQL it has a database of its own: months pass on its clock, and what its garbage
 * collection deletes must be its own. Every class using it shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "perfectwork.mail.queue.claim-lease=2s",
            "perfectwork.mail.queue.wake-on-post=false",
            "perfectwork.scheduling.enabled=false",
            "perfectwork.attachments.max-size=1KB"
        })
@ActiveProfiles("test")
@Import(ClockedApiTest.Clocks.class)
@ContextConfiguration(initializers = ClockedApiTest.OwnDatabase.class)
public @interface ClockedApiTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    /**
     * On PostgreSQL, a fresh database named after the suite's (created as the context loads; the next run drops and
     * creates it again).
     */
    class OwnDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            PostgresDatabases.suiteUrl()
                    .ifPresent(suite -> context.getEnvironment()
                            .getPropertySources()
                            .addFirst(new MapPropertySource(
                                    "clocked-api-test",
                                    Map.of(
                                            "spring.datasource.url",
                                            PostgresDatabases.create(database(suite) + "_clocked")))));
        }

        /** The suite database's name: several suites on one PostgreSQL server each have their own clocked one. */
        private static String database(String url) {
            String path = url.substring(url.lastIndexOf('/') + 1);
            int query = path.indexOf('?');
            return query < 0 ? path : path.substring(0, query);
        }
    }
}
