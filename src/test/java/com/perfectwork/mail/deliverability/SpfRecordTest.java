package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.deliverability.SpfRecord.Directive;
import com.perfectwork.mail.deliverability.SpfRecord.Mechanism;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The SPF grammar (RFC 7208 §4.6.1, §5, §6) and macros (§7), with the RFC's own examples; no DNS. */
class SpfRecordTest {

    @Test
    void readsEveryMechanismWithItsQualifierDomainAndPrefixes() throws Exception {
        SpfRecord record = SpfRecord.parse("v=spf1 +a -mx:mail.example.com/24 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 "
                + "a:example.org//64 mx/26//96 ptr include:_spf.example.net exists:%{i}.bl.example.com "
                + "unknown-mod=x -all redirect=_spf.example.com");

        assertThat(record.directives())
                .containsExactly(
                        new Directive('+', Mechanism.A, null, -1, -1, null),
                        new Directive('-', Mechanism.MX, "mail.example.com", 24, -1, null),
                        new Directive('~', Mechanism.IP4, null, 24, -1, "192.0.2.0"),
                        new Directive('?', Mechanism.IP6, null, -1, 32, "2001:db8::"),
                        new Directive('+', Mechanism.A, "example.org", -1, 64, null),
                        new Directive('+', Mechanism.MX, null, 26, 96, null),
                        new Directive('+', Mechanism.PTR, null, -1, -1, null),
                        new Directive('+', Mechanism.INCLUDE, "_spf.example.net", -1, -1, null),
                        new Directive('+', Mechanism.EXISTS, "%{i}.bl.example.com", -1, -1, null),
                        new Directive('-', Mechanism.ALL, null, -1, -1, null));
        assertThat(record.redirect()).contains("_spf.example.com");
        assertThat(record.all().map(Directive::qualifier)).contains('-');
    }

    @Test
    void aDirectiveIsWrittenBackAsTheRecordWroteIt() {
        SpfRecord record = SpfRecord.parse(
                "v=spf1 a mx:mail.example.com/24 ~ip4:192.0.2.0/24 ip4:192.0.2.1 ?ip6:2001:db8::/32 a//64 -all");

        assertThat(record.directives().stream().map(Directive::text))
                .containsExactly(
                        "a",
                        "mx:mail.example.com/24",
                        "~ip4:192.0.2.0/24",
                        "ip4:192.0.2.1",
                        "?ip6:2001:db8::/32",
                        "a//64",
                        "-all");
    }

    @Test
    void versionIsCaseInsensitiveAndMustBeFollowedByASpace() {
        assertThat(SpfRecord.isSpf("V=SPF1 -all")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf1")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf10 -all")).isFalse();
        assertThat(SpfRecord.isSpf("v=DMARC1; p=none")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "v=spf1 ip4:192.0.2.300 -all",
                "v=spf1 ip4:192.0.2.0/33 -all",
                "v=spf1 ip6:2001:db8::/129 -all",
                "v=spf1 ip6:192.0.2.1 -all",
                "v=spf1 include -all",
                "v=spf1 include:localhost -all",
                "v=spf1 a:example.com/0x -all",
                "v=spf1 all:example.com",
                "v=spf1 ipv4:192.0.2.1 -all",
                "v=spf1 exists:%{z}.example.com -all",
                "v=spf1 include:%{d3.example.com -all",
                "v=spf1 include:100%.example.com -all",
                "v=spf1 redirect=a.example.com redirect=b.example.com",
                "v=spf1 a:exa\u00e9mple.com -all"
            })
    void syntaxErrorsAreRejectedWithTheirReason(String text) {
        assertThatThrownBy(() -> SpfRecord.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .isNotBlank();
    }

    @Test
    void aTopLabelNeedsALetterAndIsReadInLinearTime() {
        assertThat(SpfRecord.parse("v=spf1 include:mail.example.c0m -all").directives())
                .hasSize(2);
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 a:example.123 -all")).hasMessageContaining("bad top label");
        // a label of 100 000 letters ending in a character no label has: a backtracking pattern is quadratic on it
        String label = "a".repeat(100_000) + "!";
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 a:example." + label + " -all"))
                .hasMessageContaining("bad top label");
    }

    /** RFC 7208 §7.4, sender strong-bad@email.example.com from 192.0.2.3 (and 2001:db8::cb01). */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "%{s}|strong-bad@email.example.com",
                "%{o}|email.example.com",
                "%{d}|email.example.com",
                "%{d4}|email.example.com",
                "%{d3}|email.example.com",
                "%{d2}|example.com",
                "%{d1}|com",
                "%{dr}|com.example.email",
                "%{d2r}|example.email",
                "%{l}|strong-bad",
                "%{l-}|strong.bad",
                "%{lr}|strong-bad",
                "%{lr-}|bad.strong",
                "%{l1r-}|strong",
                "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
                "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
                "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
                "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
                "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
                "%%%_%-.example.com|% %20.example.com"
            })
    void macrosExpandAsTheRfcExamplesSay(String spec, String expanded) throws Exception {
        SpfMacros macros = new SpfMacros(
                "strong-bad@email.example.com", "email.example.com", InetAddress.getByName("192.0.2.3"), null);

        assertThat(macros.expand(spec)).isEqualTo(expanded);
    }

    @Test
    void anIpv6AddressExpandsToItsNibbles() throws Exception {
        SpfMacros macros = new SpfMacros(
                "strong-bad@email.example.com", "email.example.com", InetAddress.getByName("2001:db8::cb01"), null);

        assertThat(macros.expand("%{ir}.%{v}._spf.%{d2}"))
                .isEqualTo("1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
    }

    @Test
    void aLongExpansionLosesItsLeftHandLabels() throws Exception {
        SpfMacros macros = new SpfMacros("x@example.com", "example.com", InetAddress.getByName("192.0.2.3"), null);

        String expanded = macros.expand("a".repeat(60) + "." + "b".repeat(60) + "." + "c".repeat(60) + "."
                + "d".repeat(60) + "." + "e".repeat(60) + ".%{d}");

        assertThat(expanded).hasSizeLessThanOrEqualTo(253).startsWith("ccc").endsWith(".example.com");
    }

    @Test
    void prefixesMatchBitByBitWithinOneFamily() throws Exception {
        InetAddress address = InetAddress.getByName("192.0.2.130");

        assertThat(SpfAddresses.within(address, InetAddress.getByName("192.0.2.128"), 25))
                .isTrue();
        assertThat(SpfAddresses.within(address, InetAddress.getByName("192.0.2.0"), 25))
                .isFalse();
        assertThat(SpfAddresses.within(address, InetAddress.getByName("10.0.0.0"), 0))
                .isTrue();
        assertThat(SpfAddresses.within(address, InetAddress.getByName("2001:db8::"), 0))
                .isFalse();
        assertThat(SpfAddresses.within(InetAddress.getByName("2001:db8:1::5"), InetAddress.getByName("2001:db8::"), 32))
                .isTrue();
    }
}
