package com.perfectwork.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.deliverability.DmarcVerdict;
import com.perfectwork.mail.deliverability.SenderAuthentication;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.routing.SenderTrust;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pipeline makes of a mail's sender checks, one case per rule. */
class SenderVerificationTest {

    private final ParsedMail fromAnn = mailFrom("ann@example.com");

    @Test
    void aDmarcFailureUnderRejectOrQuarantineRefusesTheMail() {
        assertThat(SenderVerification.refusal(checks(DmarcVerdict.FAIL, "reject", null), fromAnn))
                .hasValueSatisfying(
                        why -> assertThat(why).startsWith("DMARC failed for example.com, whose policy is" + " reject"));
        assertThat(SenderVerification.refusal(checks(DmarcVerdict.FAIL, "quarantine", null), fromAnn))
                .isPresent();
        assertThat(SenderVerification.refusal(checks(DmarcVerdict.FAIL, "none", null), fromAnn))
                .isEmpty();
        assertThat(SenderVerification.refusal(checks(DmarcVerdict.TEMPERROR, "reject", null), fromAnn))
                .isEmpty();
    }

    @Test
    void anAlignedPassTrustsTheFromAddressOfThatDomainOnly() {
        SenderAuthentication aligned = checks(DmarcVerdict.NONE, null, "example.com");
        assertThat(SenderVerification.trust(aligned, fromAnn)).isEqualTo(SenderTrust.TRUSTED);
        assertThat(SenderVerification.trust(aligned, mailFrom("ann@other.example"))
                        .trusted())
                .isFalse();
    }

    @Test
    void checksThatCouldNotTellKeepTheFromAsItComes() {
        assertThat(SenderVerification.trust(SenderAuthentication.off(), fromAnn))
                .isEqualTo(SenderTrust.TRUSTED);
        assertThat(SenderVerification.trust(checks(DmarcVerdict.TEMPERROR, "reject", null), fromAnn))
                .isEqualTo(SenderTrust.TRUSTED);
    }

    @Test
    void otherwiseTheFromNamesNoContact() {
        assertThat(SenderVerification.trust(checks(DmarcVerdict.FAIL, "none", null), fromAnn))
                .isEqualTo(SenderTrust.untrusted("the From address is not authenticated (dmarc=fail)"));
        assertThat(SenderVerification.trust(checks(DmarcVerdict.NONE, null, null), fromAnn)
                        .trusted())
                .isFalse();
    }

    private static SenderAuthentication checks(DmarcVerdict dmarc, String policy, String authenticated) {
        return new SenderAuthentication("dmarc=" + dmarc.word(), dmarc, policy, authenticated);
    }

    private static ParsedMail mailFrom(String address) {
        return new ParsedMail(
                "<m@example.com>",
                false,
                EmailAddress.tryParse(address).orElseThrow(),
                List.of(),
                "Hello",
                null,
                List.of(),
                "text/plain",
                "",
                "",
                "",
                List.of(),
                false,
                null,
                false,
                null,
                null,
                List.of(),
                "");
    }
}
