package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.deliverability.DnsSettings;
import com.perfectwork.mail.deliverability.PrivateDnsmasq;
import java.nio.file.Path;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Settings ‣ Discuss ‣ Check DNS over HTTP, against dnsmasq: each finding with its fix, the sending domains. */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsCheckPageIT {

    @LocalServerPort
    int port;

    @Autowired
    DnsSettings settings;

    PrivateDnsmasq dns;
    long server;

    @BeforeAll
    void publishTheZone() throws Exception {
        server = ApiClient.admin(port)
                .post(
                        "/api/mail-servers",
                        Map.of(
                                "name",
                                "Page relay",
                                "host",
                                "192.0.2.44",
                                "port",
                                587,
                                "priority",
                                99,
                                "fromFilter",
                                "page-check.test"))
                .id();
        dns = PrivateDnsmasq.on(settings)
                .mx("page-check.test", "mx.page-check.test", 10)
                .host("mx.page-check.test", "192.0.2.1")
                .txt("_dmarc.page-check.test", "v=DMARC1; p=none")
                .start(Path.of("target", "dnsmasq-page"));
    }

    @AfterAll
    void stop() {
        ApiClient.admin(port).delete("/api/mail-servers/" + server);
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void eachFindingIsShownWithItsFixAndTheSendingDomainsAreListed() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        assertThat(session.document("/web/settings").select("#check-dns").attr("href"))
                .startsWith(DnsCheckPageController.PATH);

        Document page = session.document(DnsCheckPageController.PATH + "?domain=page-check.test");

        assertThat(page.select("#domains a").eachText()).contains("page-check.test");
        assertThat(page.select("#finding-mx .status").text()).isEqualTo("ok");
        assertThat(page.select("#finding-mx .record").text()).isEqualTo("10 mx.page-check.test.");
        assertThat(page.select("#finding-spf .status").text()).isEqualTo("missing");
        assertThat(page.select("#finding-spf .fix").text())
                .isEqualTo("page-check.test. TXT \"v=spf1 ip4:192.0.2.44 ~all\"");
        assertThat(page.select("#finding-dkim .status").text()).isEqualTo("missing");
        assertThat(page.select("#finding-dmarc .status").text()).isEqualTo("warning");
        assertThat(page.select("#servers").text()).contains("Page relay", "192.0.2.44");
    }

    @Test
    void aNameThatIsNoDomainIsMarkedOnTheField() {
        FormSession session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);

        Document page = session.document(DnsCheckPageController.PATH + "?domain=not_a_domain");

        assertThat(page.select("#domain-error").text()).contains("not a domain");
        assertThat(page.select("#result")).isEmpty();
    }
}
