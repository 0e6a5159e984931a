package com.perfectwork.mail.mailing;

import com.perfectwork.mail.settings.ConfigParameters;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The absolute addresses a mailing's recipients open: the system parameter {@value #BASE_URL} (what the recipients
 * reach, such as {@code https://mail.example.com}), else this server on localhost and its port.
 */
@Component
public class MailingUrls {

    public static final String BASE_URL = "web.base.url";

    private final ConfigParameters parameters;
    private final Environment environment;

    MailingUrls(ConfigParameters parameters, Environment environment) {
        this.parameters = parameters;
        this.environment = environment;
    }

    /** Without a trailing slash. */
    public String base() {
        String base = parameters
                .value(BASE_URL)
                .filter(value -> !value.isBlank())
                .orElseGet(() -> "http://localhost:"
                        + environment.getProperty("local.server.port", environment.getProperty("server.port", "8069")));
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String unsubscribe(String token) {
        return base() + "/mail/unsubscribe/" + token;
    }

    public String open(String token) {
        return base() + "/mail/track/" + token + "/open.gif";
    }

    public String click(String token, int n) {
        return base() + "/mail/track/" + token + "/click/" + n;
    }
}
