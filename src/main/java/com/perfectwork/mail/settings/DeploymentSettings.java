package com.perfectwork.mail.settings;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deployment configuration shared by every module ({@code perfectwork.*}): where the data lives and
 * how the server is hosted ({@code perfectwork.hosting=on-premise|online}), and the address users open it
 * at ({@code perfectwork.base-url}), for links in mails.
 */
@ConfigurationProperties("perfectwork")
public record DeploymentSettings(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("on-premise") HostingMode hosting,
        @DefaultValue("http://localhost:8069") String baseUrl) {

    public boolean online() {
        return hosting == HostingMode.ONLINE;
    }
}
