package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import com.perfectwork.mail.OutgoingFixture;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Technical ‣ System Parameters, Scheduled Actions and Aliases over HTTP, as a browser without scripts uses them. */
@ApiTest
class TechnicalPagesIT {

    static final String PARAMETERS = SystemParametersController.PATH;
    static final String ACTIONS = ScheduledActionsController.PATH;
    static final String ALIASES = AliasesController.PATH;

    @LocalServerPort
    int port;

    ApiClient admin;
    OutgoingFixture fixture;
    FormSession session;
    JsonNode fetchmailBefore;
    String aliasDomainBefore;

    @BeforeEach
    void signedIn() {
        admin = ApiClient.admin(port);
        fixture = new OutgoingFixture(admin);
        noPageAliases();
        admin.delete("/api/config-parameters/web.test.color");
        fetchmailBefore = fetchmail();
        aliasDomainBefore = value("mail.catchall.domain");
        session = new FormSession(port);
        session.login("admin", ApiTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void tearDown() {
        noPageAliases();
        admin.delete("/api/config-parameters/web.test.color");
        fixture.catchallDomain(aliasDomainBefore);
        admin.put(
                "/api/scheduled-actions/" + fetchmailBefore.get("id").asLong(),
                Map.of(
                        "intervalNumber", fetchmailBefore.get("intervalNumber").asInt(),
                        "intervalType", fetchmailBefore.get("intervalType").asString(),
                        "active", fetchmailBefore.get("active").asBoolean()));
    }

    @Test
    void theLandingPageGroupsTheTechnicalMenu() {
        Document page = Jsoup.parse(session.get("/web/technical").body());
        assertThat(page.selectFirst("#group-parameters + ul a").attr("href")).isEqualTo(PARAMETERS);
        assertThat(page.select("#group-email + ul a").eachAttr("href"))
                .contains(ALIASES, "/web/technical/emails", "/web/technical/incoming-log", "/web/technical/blacklist");
        assertThat(page.selectFirst("#group-automation + ul a").attr("href")).isEqualTo(ACTIONS);
    }

    @Test
    void aParameterIsCreatedFoundEditedAndDeleted() {
        session.get(PARAMETERS + "/new");
        FormSession.Page created = session.post(PARAMETERS, Map.of("key", "web.test.color", "value", "purple"));
        assertThat(created.location()).endsWith(PARAMETERS + "/web.test.color");
        assertThat(session.get(PARAMETERS + "/web.test.color").body()).contains("Saved web.test.color = purple.");

        Document found = Jsoup.parse(session.get(PARAMETERS + "?q=PURPLE").body());
        assertThat(found.select("#parameters tbody tr")).hasSize(1);
        assertThat(Jsoup.parse(session.get(PARAMETERS + "?q=no-such-thing-here").body())
                        .selectFirst("#empty-state")
                        .text())
                .contains("No parameter matches");

        session.get(PARAMETERS + "/web.test.color");
        session.post(PARAMETERS + "/web.test.color", Map.of("value", "green"));
        assertThat(admin.get("/api/config-parameters/web.test.color")
                        .json()
                        .get("value")
                        .asString())
                .isEqualTo("green");

        session.get(PARAMETERS + "/new");
        Document twice = Jsoup.parse(session.post(PARAMETERS, Map.of("key", "web.test.color", "value", "red"))
                .body());
        assertThat(twice.selectFirst("#key-error").text()).contains("exists already");

        assertThat(session.get(PARAMETERS + "/web.test.color/delete").body()).contains("Delete this parameter?");
        assertThat(session.post(PARAMETERS + "/web.test.color/delete", Map.of()).location())
                .endsWith(PARAMETERS);
        assertThat(admin.get("/api/config-parameters/web.test.color").status()).isEqualTo(404);
    }

    @Test
    void aValueThatBreaksAParameterRuleIsShownNextToItsFieldAndNotStored() {
        String key = "mail.gateway.loop.minutes";
        String before = value(key);
        fixture.parameter(key, "120");
        try {
            session.get(PARAMETERS + "/" + key);
            FormSession.Page refused = session.post(PARAMETERS + "/" + key, Map.of("value", "soon"));
            assertThat(refused.status()).isEqualTo(200);
            Document page = Jsoup.parse(refused.body());
            assertThat(page.selectFirst("#value-error").text()).isEqualTo("'soon' is not a whole number");
            assertThat(page.selectFirst("#value").attr("aria-describedby")).isEqualTo("value-error");
            assertThat(page.selectFirst("#value").text()).isEqualTo("soon");
            assertThat(value(key)).isEqualTo("120");
        } finally {
            fixture.parameter(key, before);
        }

        session.get(PARAMETERS + "/new");
        Document badKey = Jsoup.parse(session.post(PARAMETERS, Map.of("key", "no spaces", "value", "x"))
                .body());
        assertThat(badKey.selectFirst("#key-error").text()).contains("letters, digits");
    }

    @Test
    void theFetchmailIntervalIsChangedAndAWrongOneIsRefusedNextToItsField() {
        long id = fetchmailBefore.get("id").asLong();
        assertThat(session.get(ACTIONS).body()).contains("Mail: Fetchmail Service", "Run Manually");

        session.get(ACTIONS + "/" + id);
        FormSession.Page saved = session.post(
                ACTIONS + "/" + id, Map.of("intervalNumber", "2", "intervalType", "hours", "active", "true"));
        assertThat(saved.location()).endsWith(ACTIONS);
        Document list = Jsoup.parse(session.get(ACTIONS).body());
        assertThat(list.selectFirst("#flash").text()).isEqualTo("Saved Mail: Fetchmail Service: every 2 hours.");
        assertThat(list.selectFirst("#every-mail_fetchmail").text()).isEqualTo("2 hours");

        session.get(ACTIONS + "/" + id);
        Document refused = Jsoup.parse(session.post(
                        ACTIONS + "/" + id, Map.of("intervalNumber", "0", "intervalType", "minutes", "active", "true"))
                .body());
        assertThat(refused.selectFirst("#intervalNumber-error").text()).isEqualTo("must be at least 1");
        assertThat(fetchmail().get("intervalNumber").asInt()).isEqualTo(2);
    }

    @Test
    void runManuallyRunsTheActionNowAndAnswersWithItsResult() {
        admin.get("/api/incoming-servers")
                .json()
                .valueStream()
                .forEach(
                        s -> admin.delete("/api/incoming-servers/" + s.get("id").asLong()));
        long id = fetchmailBefore.get("id").asLong();
        session.get(ACTIONS + "/" + id);
        FormSession.Page ran = session.post(ACTIONS + "/" + id + "/run", Map.of("back", "form"));
        assertThat(ran.location()).endsWith(ACTIONS + "/" + id);
        Document page = Jsoup.parse(session.get(ACTIONS + "/" + id).body());
        assertThat(page.selectFirst("#flash").text()).startsWith("Ran Mail: Fetchmail Service manually, ok");
        assertThat(page.selectFirst("#last-run").text()).endsWith("UTC");
        assertThat(fetchmail().get("lastRunStatus").asString()).isEqualTo("ok");
    }

    @Test
    void anAliasIsCreatedOnARecordThenMadeToCreateRecordsAndDeleted() {
        fixture.catchallDomain("aliases.example");
        long record = fixture.record("Jobs board");
        session.get(ALIASES + "/new");
        FormSession.Page created = session.post(ALIASES, alias("web-jobs", Long.toString(record), "followers"));
        assertThat(created.status()).as(created.body()).isEqualTo(302);
        String page = created.location().substring(created.location().indexOf(ALIASES));
        Document list = Jsoup.parse(session.get(ALIASES).body());
        assertThat(list.selectFirst("#aliases").text()).contains("web-jobs@aliases.example", "#" + record, "followers");

        session.get(page);
        assertThat(session.post(page, alias("web-jobs", "", "everyone")).status())
                .isEqualTo(302);
        JsonNode stored = admin.get("/api/aliases/" + page.substring(page.lastIndexOf('/') + 1))
                .json();
        assertThat(stored.get("recordId").isNull()).as("the record is cleared").isTrue();
        assertThat(stored.get("contactPolicy").asString()).isEqualTo("everyone");

        assertThat(session.get(page + "/delete").body()).contains("web-jobs@aliases.example");
        session.post(page + "/delete", Map.of());
        assertThat(session.get(ALIASES).body()).contains("Deleted the alias web-jobs.");
    }

    @Test
    void aliasRefusalsAreShownNextToTheirFields() {
        session.get(ALIASES + "/new");
        Document reserved = Jsoup.parse(
                session.post(ALIASES, alias("catchall", "", "everyone")).body());
        assertThat(reserved.selectFirst("#name-error").text()).contains("catchall or bounce alias");

        Document noRecord = Jsoup.parse(session.post(ALIASES, alias("web-nobody", "987654321", "everyone"))
                .body());
        assertThat(noRecord.selectFirst("#recordId-error").text()).isEqualTo("there is no record 987654321");

        Map<String, String> badDefaults = alias("web-defaults", "", "everyone");
        badDefaults.put("defaults", "{\"followers\": [\"not an address\"]}");
        Document defaults = Jsoup.parse(session.post(ALIASES, badDefaults).body());
        assertThat(defaults.selectFirst("#defaults-error").text())
                .isEqualTo("followers[0]: must be a partner id or an email address");
        assertThat(defaults.selectFirst("#defaults").text()).contains("not an address");
        assertThat(admin.get("/api/aliases")
                        .json()
                        .valueStream()
                        .filter(a -> a.get("name").asString().startsWith("web-")))
                .isEmpty();
    }

    private static Map<String, String> alias(String name, String record, String policy) {
        Map<String, String> fields = new HashMap<>();
        fields.put("name", name);
        fields.put("model", "crm.lead");
        fields.put("recordId", record);
        fields.put("defaults", "");
        fields.put("contactPolicy", policy);
        return fields;
    }

    private JsonNode fetchmail() {
        return admin.get("/api/scheduled-actions")
                .json()
                .valueStream()
                .filter(a -> a.get("code").asString().equals("mail_fetchmail"))
                .findFirst()
                .orElseThrow();
    }

    private String value(String key) {
        ApiClient.Response response = admin.get("/api/config-parameters/" + key);
        return response.status() == 404 ? null : response.json().get("value").asString();
    }

    private void noPageAliases() {
        admin.get("/api/aliases")
                .json()
                .valueStream()
                .filter(a -> a.get("name").asString().startsWith("web-"))
                .forEach(a -> admin.delete("/api/aliases/" + a.get("id").asLong()));
    }
}
