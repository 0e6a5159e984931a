package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** My preferences over HTTP: each user chooses for themselves between email and the Inbox. */
@ApiTest
class PreferencesPagesIT {

    @LocalServerPort
    int port;

    String login;
    ApiClient me;
    FormSession user;

    @BeforeEach
    void aPlainUser() {
        login = WebUsers.plainUser(ApiClient.admin(port));
        me = ApiClient.basic(port, login, WebUsers.USER_PASSWORD);
        user = new FormSession(port);
        user.login(login, WebUsers.USER_PASSWORD);
    }

    @Test
    void aUserChoosesTheInboxForThemselvesFromTheUserMenu() {
        Document home = user.document("/web");
        assertThat(home.select("#menu-preferences").attr("href")).isEqualTo(PreferencesController.PATH);
        Document page = user.document(PreferencesController.PATH);
        assertThat(page.select("#preference-email").hasAttr("checked"))
                .as("by email, the default")
                .isTrue();
        assertThat(page.select("#preference-inbox").hasAttr("checked")).isFalse();

        FormSession.Page saved = user.post(PreferencesController.PATH, Map.of(PreferencesController.FIELD, "inbox"));
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.location()).endsWith(PreferencesController.PATH);
        assertThat(me.get("/api/me").json().get("notificationPreference").asString())
                .isEqualTo("inbox");
        Document after = user.document(PreferencesController.PATH);
        assertThat(after.select("#flash").text()).contains("Inbox");
        assertThat(after.select("#preference-inbox").hasAttr("checked")).isTrue();

        user.post(PreferencesController.PATH, Map.of(PreferencesController.FIELD, "email"));
        assertThat(me.get("/api/me").json().get("notificationPreference").asString())
                .isEqualTo("email");
    }

    @Test
    void anotherValueIsRefusedOnThePageAndChangesNothing() {
        user.document(PreferencesController.PATH);
        FormSession.Page refused = user.post(PreferencesController.PATH, Map.of(PreferencesController.FIELD, "pigeon"));
        assertThat(refused.status()).isEqualTo(200);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("#notificationPreference-error").text())
                .isEqualTo("Choose “By email” or “In Perfectwork”.");
        assertThat(page.select("#notificationPreference").hasClass("invalid")).isTrue();
        assertThat(page.select("#flash").text()).contains("Not saved");
        assertThat(me.get("/api/me").json().get("notificationPreference").asString())
                .isEqualTo("email");

        FormSession.Page none = user.post(PreferencesController.PATH, Map.of());
        assertThat(Jsoup.parse(none.body())
                        .select("#notificationPreference-error")
                        .text())
                .isEqualTo(PreferencesController.CHOOSE);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        user.document(PreferencesController.PATH);
        FormSession.Page forged =
                user.postRaw(PreferencesController.PATH, Map.of(PreferencesController.FIELD, "inbox"), Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(me.get("/api/me").json().get("notificationPreference").asString())
                .isEqualTo("email");
    }
}
