package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Settings ‣ Discuss ‣ Incoming Email Servers over HTTP, against a real GreenMail IMAP mailbox. */
@ApiTest
class IncomingServersPageIT {

    static final String PATH = IncomingServersController.PATH;
    static final String MAILBOX = "inbox@pages.example";
    static final String PASSWORD = "mailbox-password-1";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.IMAP.dynamicPort());

    @LocalServerPort
    int port;

    ApiClient admin;
    FormSession session;
    GreenMailUser mailbox;

    @BeforeEach
    void signedInWithAMailbox() {
        admin = ApiClient.admin(port);
        noIncomingServers();
        mailbox = mail.setUser(MAILBOX, MAILBOX, PASSWORD);
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void tearDown() {
        noIncomingServers();
    }

    @Test
    void theEmptyListSaysWhatToDoAndTheNewFormProposesImapOverSsl() {
        assertThat(session.get(PATH).body()).contains("No incoming server yet", "Test &amp; Confirm");
        var form = Jsoup.parse(session.get(PATH + "/new").body());
        assertThat(form.selectFirst("#port").attr("value")).isEqualTo("993");
        assertThat(form.selectFirst("#protocol option[selected]").attr("value")).isEqualTo("imap");
        assertThat(form.selectFirst("#security option[selected]").attr("value")).isEqualTo("ssl");
        assertThat(form.select("label[for=folder]")).isNotEmpty();
    }

    @Test
    void changingTheTypeProposesItsDefaultPortButKeepsATypedOne() {
        String proposed =
                session.get(PATH + "/port?protocol=pop3&security=ssl&port=993").body();
        assertThat(Jsoup.parse(proposed).selectFirst("#port").attr("value")).isEqualTo("995");
        String typed =
                session.get(PATH + "/port?protocol=pop3&security=ssl&port=1993").body();
        assertThat(Jsoup.parse(typed).selectFirst("#port").attr("value")).isEqualTo("1993");
    }

    @Test
    void aWrongFieldIsShownNextToItAndNothingIsSaved() {
        session.get(PATH + "/new");
        FormSession.Page refused = session.post(PATH, fields("Wrong", "abc", PASSWORD));
        assertThat(refused.status()).isEqualTo(200);
        var page = Jsoup.parse(refused.body());
        assertThat(page.selectFirst("#port-error").text()).contains("whole number");
        assertThat(page.selectFirst("#password").attr("value")).isEmpty();

        session.get(PATH + "/new");
        Map<String, String> pop3Idle =
                fields("Push", Integer.toString(mail.getImap().getPort()), PASSWORD);
        pop3Idle.put("protocol", "pop3");
        pop3Idle.put("idle", "true");
        assertThat(Jsoup.parse(session.post(PATH, pop3Idle).body())
                        .selectFirst("#idle-error")
                        .text())
                .contains("IMAP");
        assertThat(admin.get("/api/incoming-servers").json().size()).isZero();
    }

    @Test
    void testAndConfirmAgainstGreenMailConfirmsTheServerInPlace() {
        String page = created("GreenMail", PASSWORD);
        assertThat(session.get(page).body()).contains("Saved GreenMail", "badge draft");

        FormSession.Page inPlace =
                session.postRaw(page + "/test", Map.of("_csrf", csrfOf(page)), Map.of("HX-Request", "true"));
        assertThat(inPlace.status()).isEqualTo(200);
        assertThat(inPlace.body())
                .contains("Connection Test Successful!", "logged in as " + MAILBOX, "hx-swap-oob")
                .doesNotContain("<html");
        assertThat(server(page).get("state").asString()).isEqualTo("confirmed");
        assertThat(session.get(PATH).body()).contains("badge ok");
    }

    @Test
    void aWrongPasswordShowsTheServersOwnWordsAndLeavesTheServerADraft() {
        String page = created("Wrong password", "not-the-password");
        session.get(page);
        FormSession.Page answer = session.post(page + "/test", Map.of());
        assertThat(answer.status()).isEqualTo(302);
        String shown = Jsoup.parse(session.get(page).body())
                .selectFirst("#test-message")
                .text();
        assertThat(shown)
                .startsWith("The connection to Wrong password")
                .contains("LOGIN failed. Invalid login/password");
        assertThat(server(page).get("state").asString()).isEqualTo("draft");

        session.get(page);
        session.post(page + "/fetch", Map.of());
        String list = session.get(PATH).body();
        assertThat(list).contains("Failing since", "error-text");
    }

    @Test
    void fetchNowTakesTheMailWaitingInTheMailboxAndSaysSo() throws Exception {
        String page = created("Fetched", PASSWORD);
        mailbox.deliver(mailFromOutside());
        session.get(page);
        FormSession.Page answer = session.post(page + "/fetch", Map.of());
        assertThat(answer.location()).endsWith(page);
        String flash =
                Jsoup.parse(session.get(page).body()).selectFirst("#flash").text();
        assertThat(flash).isEqualTo("Fetch Now: fetched 1, processed 1, failed 0.");
        assertThat(server(page).get("lastFetchAt").isNull()).isFalse();
    }

    @Test
    void aMailThatFailsIsToldByFetchNowAndCountedOnTheListWithALinkToTheIncomingLog() throws Exception {
        session.get(PATH + "/new");
        Map<String, String> fields =
                fields("Failing", Integer.toString(mail.getImap().getPort()), PASSWORD);
        fields.put("fallbackModel", "crm.lead");
        String page = session.post(PATH, fields).location();
        page = page.substring(page.indexOf(PATH));
        mailbox.deliver(new MimeMessage(
                Session.getInstance(new Properties()),
                new java.io.ByteArrayInputStream(("From: someone@outside.example\r\nTo: " + MAILBOX
                                + "\r\nSubject: Broken\r\nMIME-Version: 1.0\r\n"
                                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n"
                                + "See the file.\r\n--b\r\nContent-Type: application/pdf\r\n"
                                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=a.pdf"
                                + "\r\n\r\nJVBERi0xLjQKJ\r\n--b--\r\n")
                        .getBytes())));

        session.get(page);
        session.post(page + "/fetch", Map.of());

        String flash =
                Jsoup.parse(session.get(page).body()).selectFirst("#flash").text();
        assertThat(flash)
                .startsWith("Fetch Now: fetched 1, processed 0, failed 1.")
                .contains("1 mail failed, kept as failed in the Incoming Log");
        var failed = Jsoup.parse(session.get(PATH).body())
                .selectFirst("#failed-mails-" + server(page).get("id"));
        assertThat(failed.text()).isEqualTo("1 failed mail in the Incoming Log");
        assertThat(failed.attr("href")).isEqualTo("/web/technical/incoming-log?outcome=failed");
    }

    @Test
    void aServerIsEditedWithoutLosingItsPasswordAndDeletedAfterConfirmation() {
        String page = created("Kept", PASSWORD);
        session.get(page);
        Map<String, String> renamed =
                fields("Renamed", Integer.toString(mail.getImap().getPort()), "");
        assertThat(session.post(page, renamed).status()).isEqualTo(302);
        assertThat(server(page).get("name").asString()).isEqualTo("Renamed");
        assertThat(server(page).get("passwordSet").asBoolean()).isTrue();

        assertThat(session.get(page + "/delete").body()).contains("Delete this server?");
        FormSession.Page deleted = session.post(page + "/delete", Map.of());
        assertThat(deleted.location()).endsWith(PATH);
        assertThat(session.get(PATH).body()).contains("Deleted Renamed", "No incoming server yet");
    }

    /** Creates a server on GreenMail's IMAP port through the form; returns its page. */
    private String created(String name, String password) {
        session.get(PATH + "/new");
        FormSession.Page answer =
                session.post(PATH, fields(name, Integer.toString(mail.getImap().getPort()), password));
        assertThat(answer.status()).as(answer.body()).isEqualTo(302);
        return answer.location().substring(answer.location().indexOf(PATH));
    }

    private Map<String, String> fields(String name, String imapPort, String password) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        fields.put("protocol", "imap");
        fields.put("host", "127.0.0.1");
        fields.put("port", imapPort);
        fields.put("security", "none");
        fields.put("username", MAILBOX);
        fields.put("password", password);
        fields.put("folder", "INBOX");
        fields.put("fallbackModel", "");
        fields.put("priority", "5");
        fields.put("active", "true");
        return fields;
    }

    private tools.jackson.databind.JsonNode server(String page) {
        return admin.get("/api/incoming-servers/" + page.substring(page.lastIndexOf('/') + 1))
                .json();
    }

    private String csrfOf(String page) {
        return Jsoup.parse(session.get(page).body())
                .selectFirst("input[name=_csrf]")
                .attr("value");
    }

    private static MimeMessage mailFromOutside() throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("someone@outside.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(MAILBOX));
        message.setSubject("Hello from outside");
        message.setText("Is anyone there?");
        message.saveChanges();
        return message;
    }

    private void noIncomingServers() {
        admin.get("/api/incoming-servers")
                .json()
                .valueStream()
                .forEach(
                        s -> admin.delete("/api/incoming-servers/" + s.get("id").asLong()));
    }
}
