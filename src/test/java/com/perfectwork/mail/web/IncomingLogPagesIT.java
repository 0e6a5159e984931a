package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Technical ‣ Email ‣ Incoming Log over HTTP: the outcome filter, a mail's page, its raw bytes, Retry. */
@ApiTest
class IncomingLogPagesIT {

    @LocalServerPort
    int port;

    ApiClient admin;
    FormSession session;
    String alias;
    String model;
    long aliasId;

    @BeforeEach
    void aCreatingAlias() {
        admin = ApiClient.admin(port);
        new OutgoingFixture(admin).noServers().catchallDomain("mycompany.example");
        String tag = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "");
        alias = "log" + tag;
        model = "log." + tag;
        ApiClient.Response created = admin.post("/api/aliases", Map.of("name", alias, "model", model));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        aliasId = created.id();
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void tearDown() {
        admin.delete("/api/aliases/" + aliasId);
    }

    @Test
    void aMailThatCreatedARecordLinksToItAndDownloadsAsTheBytesReceived() {
        byte[] raw = ("From: Carla Customer <carla@customer.example>\r\nTo: " + alias + "@mycompany.example\r\n"
                        + "Subject: Twelve chairs\r\nMessage-ID: <log-created-" + System.nanoTime()
                        + "@customer.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                        + "Twelve chairs, please. Déjà vu.\r\n")
                .getBytes(StandardCharsets.UTF_8);
        JsonNode result = gateway(raw);
        assertThat(result.get("outcome").asString()).isEqualTo("created");
        long id = result.get("logId").asLong();

        Document list = session.document(IncomingLogController.PATH + "?outcome=created");
        assertThat(list.select("#received-" + id).text())
                .contains("http", "carla@customer.example", "Twelve chairs", "created");
        assertThat(list.select("#received-" + id + " a[href$=/web/records/" + model + "/"
                        + result.get("recordId").asLong() + "]"))
                .hasSize(1);
        assertThat(session.document(IncomingLogController.PATH + "?outcome=failed")
                        .select("#received-" + id))
                .isEmpty();
        assertThat(session.document(IncomingLogController.PATH + "?search=CARLA@customer")
                        .select("#received-" + id))
                .hasSize(1);
        assertThat(session.document(IncomingLogController.PATH + "?outcome=created&search=" + UUID.randomUUID())
                        .select("#empty-state")
                        .text())
                .contains("No mail matches");

        Document details = session.document(IncomingLogController.PATH + "/" + id);
        assertThat(details.select("#received-outcome").text()).isEqualTo("created");
        assertThat(details.select("#received-record").attr("href"))
                .endsWith("/web/records/" + model + "/" + result.get("recordId").asLong());
        assertThat(details.select("#retry-received"))
                .as("only a failed mail is retried")
                .isEmpty();
        assertThat(details.select("#received-error")).isEmpty();

        FormSession.Download eml = session.download(IncomingLogController.PATH + "/" + id + "/raw");
        assertThat(eml.status()).isEqualTo(200);
        assertThat(eml.contentType()).isEqualTo("message/rfc822");
        assertThat(eml.disposition()).isEqualTo("attachment; filename=\"received-mail-" + id + ".eml\"");
        assertThat(eml.bytes()).isEqualTo(raw);
    }

    @Test
    void aFailedMailShowsItsErrorAndIsRetriedFromItsPage() {
        JsonNode failed = gateway(unprocessable());
        assertThat(failed.get("outcome").asString()).isEqualTo("failed");
        long id = failed.get("logId").asLong();

        assertThat(session.document(IncomingLogController.PATH + "?outcome=failed")
                        .select("#received-" + id)
                        .text())
                .contains("Broken report", "failed");
        String mailPage = IncomingLogController.PATH + "/" + id;
        Document details = session.document(mailPage);
        assertThat(details.select("#received-reason").text()).containsIgnoringCase("base64");
        assertThat(details.select("#received-error pre").text()).contains("Exception", "\tat ");
        assertThat(details.select("#received-attempts").text()).isEqualTo("1 time");

        FormSession.Page retried = session.post(mailPage + "/retry", Map.of());
        assertThat(retried.status()).isEqualTo(302);
        assertThat(retried.location()).endsWith(mailPage);
        Document after = session.document(mailPage);
        assertThat(after.select("#flash.error").text()).startsWith("Processed again, and it failed again: ");
        assertThat(after.select("#received-attempts").text()).isEqualTo("2 times");
        assertThat(admin.get("/api/inbound-log/" + id).json().get("attempts").asInt())
                .isEqualTo(2);
    }

    @Test
    void aMailProcessedAlreadyIsNotRetriedAndTheRefusalIsSaid() {
        JsonNode dropped = gateway(("From: news@vendor.example\r\nTo: nobody@elsewhere.example\r\nSubject: Offers\r\n"
                        + "Message-ID: <log-dropped-" + System.nanoTime() + "@vendor.example>\r\n\r\nBuy.\r\n")
                .getBytes(StandardCharsets.UTF_8));
        long id = dropped.get("logId").asLong();
        String mailPage = IncomingLogController.PATH + "/" + id;
        session.document(mailPage);
        session.post(mailPage + "/retry", Map.of());
        assertThat(session.document(mailPage).select("#flash.error").text())
                .startsWith("Not retried: mail " + id + " was processed already");
    }

    @Test
    void anUnknownOutcomeIsSaidAndAnUnknownMailIsNotFound() {
        Document list = session.document(IncomingLogController.PATH + "?outcome=lost");
        assertThat(list.select("#outcome-error").text()).contains("Not an outcome");
        assertThat(list.select("#outcome option").eachAttr("value"))
                .contains("posted", "created", "bounce", "rejected", "dropped", "duplicate", "failed");
        assertThat(session.get(IncomingLogController.PATH + "/987654321").status())
                .isEqualTo(404);
        assertThat(session.download(IncomingLogController.PATH + "/987654321/raw")
                        .status())
                .isEqualTo(404);
    }

    /** A PDF attachment whose base64 is cut short: stored, then refused when its attachment is decoded. */
    private byte[] unprocessable() {
        return ("From: broken@customer.example\r\nTo: " + alias + "@mycompany.example\r\nSubject: Broken report\r\n"
                        + "Message-ID: <log-broken-" + System.nanoTime() + "@customer.example>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain\r\n\r\nThe report.\r\n"
                        + "--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                        + "Content-Disposition: attachment; filename=report.pdf\r\n\r\nJVBERi0xLjQKJ\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode gateway(byte[] raw) {
        ApiClient.Response response = admin.postBytes("/api/inbound", "message/rfc822", raw);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
