package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DMARC's policy discovery with its fallback to the organizational domain, and identifier alignment (RFC 7489). */
class DmarcEvaluatorTest {

    private final Map<String, DnsAnswer<String>> zone = new HashMap<>();
    private final DmarcEvaluator dmarc =
            new DmarcEvaluator(name -> zone.getOrDefault(name, DnsAnswer.none(DnsAnswer.Status.NO_DOMAIN)));

    @Test
    void theOrganizationalDomainComesFromThePublicSuffixList() {
        assertThat(OrganizationalDomain.of("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(OrganizationalDomain.of("a.b.example.com")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("Example.COM.")).isEqualTo("example.com");
        assertThat(OrganizationalDomain.of("co.uk")).isEqualTo("co.uk");
        // a top-level domain not in the list: the list's default rule, its top label is the suffix
        assertThat(OrganizationalDomain.of("news.shop.signed.test")).isEqualTo("signed.test");
    }

    @Test
    void anAlignedDkimPassFromASubdomainPassesInRelaxedModeAndFailsInStrictMode() {
        publish("example.com", "v=DMARC1; p=reject");
        List<DkimResult> dkim = List.of(pass("mail.example.com"));

        DmarcResult relaxed = dmarc.evaluate("example.com", SpfVerdict.FAIL, "example.com", dkim);
        assertThat(relaxed.verdict()).isEqualTo(DmarcVerdict.PASS);
        assertThat(relaxed.alignedBy()).isEqualTo("dkim");
        assertThat(relaxed.text()).isEqualTo("dmarc=pass (p=reject; aligned dkim pass) header.from=example.com");

        publish("example.com", "v=DMARC1; p=reject; adkim=s");
        DmarcResult strict = dmarc.evaluate("example.com", SpfVerdict.FAIL, "example.com", dkim);
        assertThat(strict.verdict()).isEqualTo(DmarcVerdict.FAIL);
        assertThat(strict.policy()).isEqualTo("reject");
        assertThat(strict.alignedBy()).isNull();
    }

    @Test
    void aPassOfAnotherDomainDoesNotAlign() {
        publish("example.com", "v=DMARC1; p=quarantine");
        DmarcResult result =
                dmarc.evaluate("example.com", SpfVerdict.PASS, "bounces.esp.example", List.of(pass("esp.example")));
        assertThat(result.verdict()).isEqualTo(DmarcVerdict.FAIL);
        assertThat(result.policy()).isEqualTo("quarantine");
    }

    @Test
    void anSpfPassAlignsInRelaxedModeUnlessAspfIsStrict() {
        publish("example.com", "v=DMARC1; p=reject");
        assertThat(dmarc.evaluate("example.com", SpfVerdict.PASS, "bounce.example.com", List.of())
                        .alignedBy())
                .isEqualTo("spf");

        publish("example.com", "v=DMARC1; p=reject; aspf=s");
        assertThat(dmarc.evaluate("example.com", SpfVerdict.PASS, "bounce.example.com", List.of())
                        .verdict())
                .isEqualTo(DmarcVerdict.FAIL);
        assertThat(dmarc.evaluate("example.com", SpfVerdict.PASS, "example.com", List.of())
                        .verdict())
                .isEqualTo(DmarcVerdict.PASS);
    }

    @Test
    void aSubdomainWithoutItsOwnRecordGetsTheOrganizationsSubdomainPolicy() {
        publish("example.co.uk", "v=DMARC1; p=reject; sp=quarantine");
        DmarcResult result = dmarc.evaluate("shop.example.co.uk", SpfVerdict.FAIL, "shop.example.co.uk", List.of());
        assertThat(result.verdict()).isEqualTo(DmarcVerdict.FAIL);
        assertThat(result.policy()).isEqualTo("quarantine");

        publish("shop.example.co.uk", "v=DMARC1; p=none");
        assertThat(dmarc.evaluate("shop.example.co.uk", SpfVerdict.FAIL, null, List.of())
                        .policy())
                .as("its own record comes first")
                .isEqualTo("none");
    }

    @Test
    void withoutSpTheOrganizationsPolicyAppliesToItsSubdomains() {
        publish("example.com", "v=DMARC1; p=reject");
        assertThat(dmarc.evaluate("news.example.com", SpfVerdict.NONE, null, List.of())
                        .policy())
                .isEqualTo("reject");
    }

    @Test
    void noRecordIsNoneAndAnAlignedPassStillAuthenticatesTheFromDomain() {
        DmarcResult unsigned = dmarc.evaluate("example.org", SpfVerdict.FAIL, "example.org", List.of());
        assertThat(unsigned.verdict()).isEqualTo(DmarcVerdict.NONE);
        assertThat(unsigned.policy()).isNull();
        assertThat(unsigned.alignedBy()).isNull();

        DmarcResult signed = dmarc.evaluate("example.org", SpfVerdict.NONE, null, List.of(pass("example.org")));
        assertThat(signed.verdict()).isEqualTo(DmarcVerdict.NONE);
        assertThat(signed.alignedBy()).isEqualTo("dkim");
    }

    @Test
    void aDnsFailureIsATemporaryErrorAndSoIsAnAlignedCheckThatCouldNotComplete() {
        zone.put("_dmarc.example.com", DnsAnswer.failed("no answer within 3000 ms (timeout)"));
        assertThat(dmarc.evaluate("example.com", SpfVerdict.FAIL, "example.com", List.of())
                        .verdict())
                .isEqualTo(DmarcVerdict.TEMPERROR);

        publish("example.com", "v=DMARC1; p=reject");
        DkimResult unreachable = new DkimResult(DkimVerdict.TEMPERROR, "example.com", "s1", "key not available");
        assertThat(dmarc.evaluate("example.com", SpfVerdict.FAIL, "example.com", List.of(unreachable))
                        .verdict())
                .isEqualTo(DmarcVerdict.TEMPERROR);
    }

    @Test
    void twoRecordsAreNoneAndAWrongOneIsAPermanentError() {
        zone.put("_dmarc.example.com", DnsAnswer.found(List.of("v=DMARC1; p=reject", "v=DMARC1; p=none")));
        assertThat(dmarc.evaluate("example.com", SpfVerdict.FAIL, null, List.of())
                        .verdict())
                .isEqualTo(DmarcVerdict.NONE);

        publish("example.com", "v=DMARC1; p=maybe");
        DmarcResult wrong = dmarc.evaluate("example.com", SpfVerdict.FAIL, null, List.of());
        assertThat(wrong.verdict()).isEqualTo(DmarcVerdict.PERMERROR);
        assertThat(wrong.detail()).contains("p=maybe is not none, quarantine or reject");
    }

    private void publish(String domain, String record) {
        zone.put("_dmarc." + domain, DnsAnswer.found(List.of(record)));
    }

    private static DkimResult pass(String domain) {
        return new DkimResult(DkimVerdict.PASS, domain, "s1", null);
    }
}
