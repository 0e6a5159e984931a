package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.MailFixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mails signed by dkimpy (an independent signer, {@code mail/authentication/sign.py}), some altered after signing,
 * verified against the key records dkimpy's keys publish ({@code keys.txt}); and a mail signed by our own signer.
 */
class DkimVerifierTest {

    /** A day after the fixtures were signed: their expiring one has expired. */
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private final Map<String, String> zone = new HashMap<>(FixtureKeys.records());
    private final Map<String, DnsAnswer<String>> answers = new HashMap<>();

    @Test
    void relaxedAndSimpleRsaSignaturesPass() throws IOException {
        assertThat(verify("rsa-relaxed")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.PASS);
            assertThat(result.domain()).isEqualTo("signed.test");
            assertThat(result.selector()).isEqualTo("rsa2048");
        });
        assertThat(verdicts("rsa-simple")).containsExactly(DkimVerdict.PASS);
    }

    @Test
    void anEd25519SignaturePasses() throws IOException {
        assertThat(verify("ed25519")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.PASS);
            assertThat(result.selector()).isEqualTo("ed");
        });
    }

    @Test
    void aFooterAddedAfterTheSignedLengthDoesNotBreakIt() throws IOException {
        assertThat(verdicts("length-then-footer")).containsExactly(DkimVerdict.PASS);
    }

    @Test
    void aMailStoredWithBareLineFeedsVerifiesAsItTravelled() throws IOException {
        assertThat(verdicts("lf-line-ends")).containsExactly(DkimVerdict.PASS);
    }

    @Test
    void anAlteredBodyFails() throws IOException {
        assertThat(verify("body-altered")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.FAIL);
            assertThat(result.detail()).contains("body hash did not verify");
        });
    }

    @Test
    void anAlteredHeaderFails() throws IOException {
        assertThat(verify("header-altered")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.FAIL);
            assertThat(result.detail()).contains("signature did not verify");
        });
    }

    @Test
    void aSignatureByAnotherKeyThanTheSelectorPublishesFails() throws IOException {
        assertThat(verdicts("wrong-key")).containsExactly(DkimVerdict.FAIL);
    }

    @Test
    void anExpiredSignatureFails() throws IOException {
        assertThat(verify("expired")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.FAIL);
            assertThat(result.detail()).startsWith("signature expired at 2026-12-05");
        });
    }

    @Test
    void aKeyNotPublishedIsAPermanentErrorAndAKeyNotReachableATemporaryOne() throws IOException {
        zone.remove("rsa2048._domainkey.signed.test");
        assertThat(verify("rsa-relaxed")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.PERMERROR);
            assertThat(result.detail()).isEqualTo("no key published at rsa2048._domainkey.signed.test");
        });

        answers.put("rsa2048._domainkey.signed.test", DnsAnswer.failed("no answer within 3000 ms (timeout)"));
        assertThat(verify("rsa-relaxed")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.TEMPERROR);
            assertThat(result.detail()).contains("(timeout)");
        });
    }

    @Test
    void aRevokedKeyOrAKeyOfAnotherTypeCannotBeUsed() throws IOException {
        zone.put("rsa2048._domainkey.signed.test", "v=DKIM1; k=rsa; p=");
        assertThat(verify("rsa-relaxed").get(0).detail()).endsWith("the key is revoked (empty p=)");

        zone.put("rsa2048._domainkey.signed.test", zone.get("ed._domainkey.signed.test"));
        assertThat(verify("rsa-relaxed")).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(DkimVerdict.PERMERROR);
            assertThat(result.detail()).contains("is ed25519, not for rsa-sha256");
        });
    }

    @Test
    void aSignatureWithoutFromOrWithAnUnknownAlgorithmIsAPermanentError() throws IOException {
        String unsigned = "From: a@signed.test\r\nSubject: x\r\n\r\nbody\r\n";
        assertThat(verifyRaw("DKIM-Signature: v=1; a=rsa-sha1; d=signed.test; s=rsa2048; h=from; bh=AA==; b=AA==\r\n"
                                + unsigned)
                        .get(0)
                        .detail())
                .isEqualTo("rsa-sha1 is no longer accepted (RFC 8301)");
        assertThat(verifyRaw("DKIM-Signature: v=1; a=rsa-sha256; d=signed.test; s=rsa2048; h=subject; bh=AA==;"
                                + " b=AA==\r\n" + unsigned)
                        .get(0)
                        .detail())
                .isEqualTo("From is not among the signed header fields (h=)");
        assertThat(verifyRaw(unsigned)).isEmpty();
    }

    @Test
    void whatOurSignerSignsVerifies() throws Exception {
        KeyMaterial material = KeyMaterial.generate(DkimKey.ED25519_SHA256);
        zone.put("own._domainkey.signed.test", "v=DKIM1; k=ed25519; p=" + material.publicKeyBase64());
        SigningKey key = new SigningKey(
                "signed.test",
                "own",
                DkimKey.ED25519_SHA256,
                KeyMaterial.privateKey(DkimKey.ED25519_SHA256, material.privateKeyBase64()));
        byte[] wire = ("From: Ann <ann@signed.test>\r\nTo: b@else.test\r\nSubject: Hello  there\r\n\r\nBody \r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        String header = DkimSignature.sign(wire, key, NOW.getEpochSecond());
        String signed = "DKIM-Signature: " + header + "\r\n" + new String(wire, StandardCharsets.US_ASCII);

        assertThat(verifyRaw(signed)).extracting(DkimResult::verdict).containsExactly(DkimVerdict.PASS);
        assertThat(verifyRaw(signed.replace("Body", "B0dy")))
                .extracting(DkimResult::verdict)
                .containsExactly(DkimVerdict.FAIL);
    }

    private List<DkimVerdict> verdicts(String fixture) throws IOException {
        return verify(fixture).stream().map(DkimResult::verdict).toList();
    }

    private List<DkimResult> verify(String fixture) throws IOException {
        return verify(MailFixtures.load("authentication/" + fixture + ".eml", Map.of()));
    }

    private List<DkimResult> verifyRaw(String mail) throws IOException {
        return verify(mail.getBytes(StandardCharsets.ISO_8859_1));
    }

    private List<DkimResult> verify(byte[] mail) throws IOException {
        InputStream raw = new ByteArrayInputStream(mail);
        MessageHead head = MessageHead.read(raw);
        return new DkimVerifier(this::txt, NOW).verify(head, raw);
    }

    private DnsAnswer<String> txt(String name) {
        DnsAnswer<String> answer = answers.get(name);
        if (answer != null) {
            return answer;
        }
        String record = zone.get(name);
        return record == null ? DnsAnswer.none(DnsAnswer.Status.NO_DOMAIN) : DnsAnswer.found(List.of(record));
    }
}
