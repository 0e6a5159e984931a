package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Settings ‣ Discuss ‣ DKIM Keys over HTTP: generate, the record to copy, deactivate, delete after confirmation. */
@ApiTest
class DkimKeysPageIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    FormSession session;
    String domain;

    @BeforeEach
    void setUp() {
        admin = ApiClient.admin(port);
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
        domain = "page-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
    }

    @Test
    void aKeyIsGeneratedShownWithItsRecordDeactivatedAndDeleted() {
        assertThat(session.document("/web/settings").select("#link-dkim-keys").attr("href"))
                .isEqualTo(DkimKeysController.PATH);
        FormSession.Page generated = session.post(
                DkimKeysController.PATH, Map.of("domain", domain, "selector", "mail1", "algorithm", "ed25519-sha256"));
        assertThat(generated.status()).isEqualTo(302);
        JsonNode key = admin.get("/api/dkim-keys")
                .json()
                .valueStream()
                .filter(k -> k.get("domain").asString().equals(domain))
                .findFirst()
                .orElseThrow();
        long id = key.get("id").asLong();

        Document page = session.document(DkimKeysController.PATH);
        assertThat(page.select("#flash.ok").text()).startsWith("Generated the key mail1 of " + domain);
        assertThat(page.select("#name-" + id).val()).isEqualTo("mail1._domainkey." + domain);
        assertThat(page.select("#value-" + id).text())
                .isEqualTo(key.get("dnsValue").asString());
        assertThat(page.select("#zone-" + id).text())
                .isEqualTo(key.get("zoneFile").asString());
        assertThat(page.select("#key-" + id + " .tag").text()).isEqualTo("active");

        session.post(DkimKeysController.PATH + "/" + id + "/active", Map.of("active", "false"));
        assertThat(session.document(DkimKeysController.PATH)
                        .select("#key-" + id + " .tag")
                        .text())
                .isEqualTo("inactive");

        FormSession.Page refused = session.post(DkimKeysController.PATH, Map.of("domain", domain, "selector", "mail1"));
        assertThat(org.jsoup.Jsoup.parse(refused.body())
                        .select("#selector-error")
                        .text())
                .contains("selector mail1 already");

        assertThat(session.document(DkimKeysController.PATH + "/" + id + "/delete")
                        .select("h1")
                        .text())
                .isEqualTo("Delete this DKIM key?");
        session.post(DkimKeysController.PATH + "/" + id + "/delete", Map.of());
        assertThat(admin.get("/api/dkim-keys/" + id).status()).isEqualTo(404);
    }
}
