package com.perfectwork.mail;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Perfectwork Mail: the server that gives Perfectwork's discussion threads their email. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PerfectworkMailApplication {

    /** The one clock every module reads time from, so that tests can fix it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(PerfectworkMailApplication.class, args);
    }
}
