package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.ApiClient;
import com.perfectwork.mail.ApiTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/dns-check} against a real DNS server (dnsmasq) serving one domain per case, for two outgoing
 * servers sending for all of them: one by name (192.0.2.10), one by address (198.51.100.7).
 */
@ApiTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DnsCheckIT {

    private static final List<String> DOMAINS = List.of(
            "good.test",
            "nomx.test",
            "nospf.test",
            "notauth.test",
            "plusall.test",
            "syntax.test",
            "limit.test",
            "loop.test",
            "redirect.test",
            "redirect-broken.test",
            "voids.test",
            "dkim-missing.test",
            "dkim-other.test",
            "dmarc-none.test",
            "dmarc-bad.test",
            "six.test",
            "macro.test",
            "slow.test");

    @LocalServerPort
    int port;

    @Autowired
    DnsSettings settings;

    ApiClient admin;
    PrivateDnsmasq dns;
    final List<Long> servers = new ArrayList<>();
    final List<Long> keys = new ArrayList<>();

    @BeforeAll
    void publishTheZones() throws Exception {
        admin = ApiClient.admin(port);
        servers.add(server("DNS relay one", "smtp1.senders.test"));
        servers.add(server("DNS relay two", "198.51.100.7"));
        servers.add(server("DNS relay six", "smtp6.senders.test", "six.test"));
        dns = PrivateDnsmasq.on(settings);
        dns.host("smtp1.senders.test", "192.0.2.10").host("smtp6.senders.test", "2001:db8::25");
        for (String domain : DOMAINS.subList(0, DOMAINS.size() - 1)) {
            if (!domain.equals("nomx.test")) {
                dns.mx(domain, "mx." + domain, 10).host("mx." + domain, "192.0.2.1");
            }
            if (!domain.equals("nomx.test") && !domain.startsWith("dmarc-")) {
                dns.txt("_dmarc." + domain, "v=DMARC1; p=reject; rua=mailto:dmarc@" + domain);
            }
        }
        dns.txt("good.test", "v=spf1 mx ip4:192.0.2.10 include:_spf.provider.test -all")
                .txt("_spf.provider.test", "v=spf1 ip4:198.51.100.0/24 ~all");
        JsonNode rsa = key("good.test", null, null);
        JsonNode ed25519 = key("good.test", "ed1", "ed25519-sha256");
        dns.txt(rsa.get("dnsName").asString(), rsa.get("dnsValue").asString())
                .txt(ed25519.get("dnsName").asString(), ed25519.get("dnsValue").asString());
        String both = "ip4:192.0.2.10 ip4:198.51.100.7 -all";
        dns.txt("nomx.test", "v=spf1 " + both)
                .txt("nospf.test", "google-site-verification=abc")
                .txt("notauth.test", "v=spf1 ip4:192.0.2.10 -all")
                .txt("plusall.test", "v=spf1 +all")
                .txt("syntax.test", "v=spf1 ip4:192.0.2.300 -all")
                .txt("loop.test", "v=spf1 include:loop2.test -all")
                .txt("loop2.test", "v=spf1 include:loop.test -all")
                .txt("redirect.test", "v=spf1 redirect=_spf.provider2.test")
                .txt("_spf.provider2.test", "v=spf1 ip4:192.0.2.0/24 ip4:198.51.100.0/24 -all")
                .txt("redirect-broken.test", "v=spf1 redirect=_spf.nowhere.test")
                .txt("voids.test", "v=spf1 a:v1.voids.test a:v2.voids.test a:v3.voids.test " + both);
        StringBuilder eleven = new StringBuilder("v=spf1");
        for (int i : IntStream.rangeClosed(1, 11).toArray()) {
            dns.host("h" + i + ".limit.test", "203.0.113." + i);
            eleven.append(" a:h").append(i).append(".limit.test");
        }
        dns.txt("limit.test", eleven + " " + both)
                .txt("six.test", "v=spf1 ip4:192.0.2.10 ip4:198.51.100.7 a:smtp6.senders.test//64 -all")
                .txt("macro.test", "v=spf1 exists:%{ir}.%{v}._allow.macro.test -all")
                .host("10.2.0.192.in-addr._allow.macro.test", "127.0.0.2")
                .host("7.100.51.198.in-addr._allow.macro.test", "127.0.0.2");
        for (String domain : List.of("dkim-missing.test", "dkim-other.test", "dmarc-none.test", "dmarc-bad.test")) {
            dns.txt(domain, "v=spf1 " + both);
        }
        key("dkim-missing.test", null, null);
        JsonNode other = key("dkim-other.test", null, null);
        dns.txt(other.get("dnsName").asString(), rsa.get("dnsValue").asString())
                .txt("_dmarc.dmarc-none.test", "v=DMARC1; p=none")
                .txt("_dmarc.dmarc-bad.test", "v=DMARC1; p=maybe")
                .silentFor("slow.test")
                .start(Path.of("target", "dnsmasq-check"));
    }

    @AfterAll
    void removeTheServers() {
        servers.forEach(id -> admin.delete("/api/mail-servers/" + id));
        keys.forEach(id -> admin.delete("/api/dkim-keys/" + id));
        if (dns != null) {
            dns.close();
        }
    }

    @Test
    void correctRecordsAreAllOk() {
        JsonNode check = check("good.test");

        assertThat(statuses(check)).containsExactly("ok", "ok", "ok", "ok");
        assertThat(check.get("mx").get("record").asString()).isEqualTo("10 mx.good.test.");
        assertThat(check.get("spf").get("detail").asString())
                .contains("DNS relay one (192.0.2.10): pass, matched ip4:192.0.2.10 in good.test")
                .contains("DNS relay two (198.51.100.7): pass, matched include:_spf.provider.test in good.test");
        assertThat(check.get("dkim").get("detail").asString()).contains("ed1: publishes the ed25519 key");
        assertThat(check.get("dmarc").get("detail").asString()).isEqualTo("policy reject");
        assertThat(check.get("servers").findValuesAsString("host"))
                .containsExactlyInAnyOrder("smtp1.senders.test", "198.51.100.7");
    }

    @Test
    void aDomainWithoutMxIsMissingOne() {
        JsonNode mx = check("nomx.test").get("mx");

        assertThat(mx.get("status").asString()).isEqualTo("missing");
        assertThat(mx.get("fix").asString()).startsWith("nomx.test. MX 10 ");
    }

    @Test
    void aMissingSpfRecordIsGivenOneAuthorisingTheServers() {
        JsonNode spf = check("nospf.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("missing");
        assertThat(spf.get("fix").asString())
                .isEqualTo("nospf.test. TXT \"v=spf1 ip4:192.0.2.10 ip4:198.51.100.7 ~all\"");
    }

    @Test
    void aServerTheRecordDoesNotAuthoriseIsNamedAndAdded() {
        JsonNode spf = check("notauth.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString())
                .contains("DNS relay two (198.51.100.7): fail, matched -all in notauth.test");
        assertThat(spf.get("fix").asString())
                .isEqualTo("notauth.test. TXT \"v=spf1 ip4:192.0.2.10 ip4:198.51.100.7 -all\"");
    }

    @Test
    void plusAllIsInvalid() {
        JsonNode spf = check("plusall.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString()).contains("+all authorises every host");
    }

    @Test
    void aSyntaxErrorIsInvalidWithItsReason() {
        JsonNode spf = check("syntax.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString()).contains("ip4:192.0.2.300");
    }

    @Test
    void elevenLookupsArePermerror() {
        JsonNode spf = check("limit.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString()).contains("permerror, more than 10 DNS look-ups");
    }

    @Test
    void anIncludeLoopIsPermerror() {
        JsonNode spf = check("loop.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString()).contains("include loop: loop.test → loop2.test → loop.test");
    }

    @Test
    void aRedirectIsFollowed() {
        assertThat(check("redirect.test").get("spf").get("status").asString()).isEqualTo("ok");

        JsonNode broken = check("redirect-broken.test").get("spf");
        assertThat(broken.get("status").asString()).isEqualTo("invalid");
        assertThat(broken.get("detail").asString()).contains("redirect=_spf.nowhere.test");
    }

    @Test
    void anIpv6ServerIsCheckedWithItsPrefix() {
        JsonNode spf = check("six.test").get("spf");

        assertThat(spf.get("status").asString()).as(spf.toString()).isEqualTo("ok");
        assertThat(spf.get("detail").asString())
                .contains("DNS relay six (2001:db8:0:0:0:0:0:25): pass, matched a:smtp6.senders.test//64 in six.test");
    }

    @Test
    void macrosAreExpandedIntoTheNamesAsked() {
        JsonNode all = check("macro.test");
        JsonNode spf = all.get("spf");

        assertThat(spf.get("status").asString()).as(all.toString()).isEqualTo("ok");
        assertThat(spf.get("detail").asString())
                .contains("DNS relay two (198.51.100.7): pass, matched exists:%{ir}.%{v}._allow.macro.test");
    }

    @Test
    void aThirdVoidLookupIsPermerror() {
        JsonNode spf = check("voids.test").get("spf");

        assertThat(spf.get("status").asString()).isEqualTo("invalid");
        assertThat(spf.get("detail").asString()).contains("more than 2 void DNS look-ups");
    }

    @Test
    void aDkimRecordMissingOrOfAnotherKeyIsFound() {
        JsonNode missing = check("dkim-missing.test").get("dkim");
        assertThat(missing.get("status").asString()).isEqualTo("missing");
        assertThat(missing.get("fix").asString()).contains("._domainkey.dkim-missing.test. TXT \"v=DKIM1; k=rsa; p=");

        JsonNode other = check("dkim-other.test").get("dkim");
        assertThat(other.get("status").asString()).isEqualTo("invalid");
        assertThat(other.get("detail").asString()).contains("another key");
    }

    @Test
    void dmarcMissingMonitoringOnlyOrInvalid() {
        assertThat(check("nomx.test").get("dmarc").get("status").asString()).isEqualTo("missing");

        JsonNode none = check("dmarc-none.test").get("dmarc");
        assertThat(none.get("status").asString()).isEqualTo("warning");
        assertThat(none.get("fix").asString()).isEqualTo("_dmarc.dmarc-none.test. TXT \"v=DMARC1; p=quarantine\"");

        JsonNode bad = check("dmarc-bad.test").get("dmarc");
        assertThat(bad.get("status").asString()).isEqualTo("invalid");
        assertThat(bad.get("detail").asString()).contains("p=maybe");
    }

    @Test
    void aTimeoutIsAWarningThatSaysWhy() {
        JsonNode check = check("slow.test");

        for (String kind : List.of("mx", "spf", "dmarc")) {
            assertThat(check.get(kind).get("status").asString()).as(kind).isEqualTo("warning");
            assertThat(check.get(kind).get("detail").asString()).as(kind).contains("could not be checked", "timeout");
        }
    }

    private JsonNode check(String domain) {
        ApiClient.Response response = admin.get("/api/dns-check?domain=" + domain);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> statuses(JsonNode check) {
        return List.of("mx", "spf", "dkim", "dmarc").stream()
                .map(kind -> check.get(kind).get("status").asString()
                        + (check.get(kind).get("status").asString().equals("ok") ? "" : " " + check.get(kind)))
                .toList();
    }

    private long server(String name, String host) {
        return server(name, host, String.join(",", DOMAINS));
    }

    private long server(String name, String host, String fromFilter) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("name", name);
        server.put("host", host);
        server.put("port", 587);
        server.put("priority", 99);
        server.put("fromFilter", fromFilter);
        ApiClient.Response created = admin.post("/api/mail-servers", server);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.id();
    }

    private JsonNode key(String domain, String selector, String algorithm) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("domain", domain);
        request.put("selector", selector);
        request.put("algorithm", algorithm);
        ApiClient.Response created = admin.post("/api/dkim-keys", request);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        keys.add(created.id());
        return created.json();
    }
}
