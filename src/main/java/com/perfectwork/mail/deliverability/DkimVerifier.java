package com.perfectwork.mail.deliverability;

import com.perfectwork.mail.deliverability.DkimSignature.Field;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Verifies the DKIM-Signatures of a received message (RFC 6376 §6.1), each on its own: its tags, its body hash
 * (all signatures' bodies hashed in one pass over the body, as it streams), its key from
 * {@code <selector>._domainkey.<domain>}, then its signature over the signed header fields. Accepts
 * {@code rsa-sha256} and {@code ed25519-sha256} (RFC 8463); {@code rsa-sha1} is no longer accepted (RFC 8301).
 * The signing side is {@link DkimSignature}, whose canonicalization and header selection this shares.
 */
final class DkimVerifier {

    /** Signatures verified at most: each costs a DNS question; the others are listed as not checked. */
    static final int MAX_SIGNATURES = 5;

    /** How far in the future a timestamp may be, the clocks of signer and verifier differing. */
    private static final long CLOCK_SKEW_SECONDS = 300;

    private final TxtLookup dns;
    private final Instant now;

    DkimVerifier(TxtLookup dns, Instant now) {
        this.dns = dns;
        this.now = now;
    }

    /** One result per DKIM-Signature, top to bottom; empty for an unsigned mail. Reads {@code body} to its end when a signature needs its hash. */
    List<DkimResult> verify(MessageHead head, InputStream body) throws IOException {
        List<Field> headers = head.all("dkim-signature");
        List<Check> checks = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            checks.add(
                    i < MAX_SIGNATURES
                            ? read(headers.get(i))
                            : Check.done(new DkimResult(
                                    DkimVerdict.NEUTRAL,
                                    null,
                                    null,
                                    "not checked: more than " + MAX_SIGNATURES + " signatures")));
        }
        hashBody(checks, body);
        List<DkimResult> results = new ArrayList<>();
        for (Check check : checks) {
            results.add(check.result() != null ? check.result() : verify(check, head.fields()));
        }
        return results;
    }

    /**
     * A signature whose tags are read and whose body is being hashed, its key not yet asked for; or one whose
     * {@code result} is known already (its tags are unusable, it expired).
     */
    private record Check(DkimTags tags, Field header, CanonicalBody body, DkimResult result) {

        static Check done(DkimResult result) {
            return new Check(null, null, null, result);
        }
    }

    private Check read(Field header) {
        DkimTags tags;
        try {
            tags = DkimTags.read(MessageHead.value(header));
        } catch (DkimTags.Unusable e) {
            return Check.done(e.result());
        }
        if (tags.expires() >= 0 && tags.expires() < now.getEpochSecond()) {
            return Check.done(
                    tags.result(DkimVerdict.FAIL, "signature expired at " + Instant.ofEpochSecond(tags.expires())));
        }
        if (tags.timestamp() > now.getEpochSecond() + CLOCK_SKEW_SECONDS) {
            return Check.done(tags.result(
                    DkimVerdict.NEUTRAL, "signed in the future, at " + Instant.ofEpochSecond(tags.timestamp())));
        }
        return new Check(tags, header, tags.bodyCanonicalization().body(tags.length()), null);
    }

    private static void hashBody(List<Check> checks, InputStream body) throws IOException {
        List<CanonicalBody> bodies = checks.stream()
                .filter(check -> check.result() == null)
                .map(Check::body)
                .toList();
        if (bodies.isEmpty()) {
            return;
        }
        byte[] buffer = new byte[65536];
        int read;
        while ((read = body.read(buffer)) >= 0) {
            for (CanonicalBody canonical : bodies) {
                canonical.update(buffer, 0, read);
            }
        }
    }

    private DkimResult verify(Check check, List<Field> fields) {
        DkimTags tags = check.tags();
        byte[] bodyHash = check.body().digest();
        if (tags.length() >= 0 && check.body().length() < tags.length()) {
            return tags.result(DkimVerdict.FAIL, "l=" + tags.length() + " is longer than the body");
        }
        if (!MessageDigest.isEqual(bodyHash, tags.bodyHash())) {
            return tags.result(DkimVerdict.FAIL, "body hash did not verify: the body changed");
        }
        String name = tags.selector() + "._domainkey." + tags.domain();
        DnsAnswer<String> answer = dns.txt(name);
        if (answer.failed()) {
            return tags.result(DkimVerdict.TEMPERROR, "key not available: " + answer.error());
        }
        if (answer.records().isEmpty()) {
            return tags.result(DkimVerdict.PERMERROR, "no key published at " + name);
        }
        DkimKeyRecord key;
        try {
            key = DkimKeyRecord.parse(answer.records().get(0));
        } catch (IllegalArgumentException e) {
            return tags.result(DkimVerdict.PERMERROR, "the key at " + name + " cannot be used: " + e.getMessage());
        }
        if (!key.signs(tags.algorithm())) {
            return tags.result(
                    DkimVerdict.PERMERROR,
                    "the key at " + name + " is " + key.keyType() + ", not for " + tags.algorithm());
        }
        if (key.strict()
                && tags.identityDomain() != null
                && !tags.identityDomain().equals(tags.domain())) {
            return tags.result(
                    DkimVerdict.PERMERROR,
                    "the key is for " + tags.domain() + " only (t=s), the" + " signature's i= is in "
                            + tags.identityDomain());
        }
        byte[] data = DkimSignature.signedData(
                fields, tags.signedHeaders(), tags.headerCanonicalization(), withoutSignature(check.header()));
        if (!signatureVerifies(key, tags, data)) {
            return tags.result(
                    DkimVerdict.FAIL, "signature did not verify: a signed header changed, or another" + " key signed");
        }
        return tags.result(DkimVerdict.PASS, key.testing() ? "the key is in testing mode (t=y)" : null);
    }

    /** The DKIM-Signature field as it came, its {@code b=} value taken out (RFC 6376 §3.7), the rest untouched. */
    static String withoutSignature(Field header) {
        return header.line().replaceFirst("((?:^[^:]*:|;)[ \\t\\r\\n]*b[ \\t\\r\\n]*=)[^;]*", "$1");
    }

    private static boolean signatureVerifies(DkimKeyRecord key, DkimTags tags, byte[] data) {
        try {
            Signature signature = DkimSignature.engine(tags.algorithm());
            signature.initVerify(key.key());
            signature.update(DkimSignature.input(tags.algorithm(), data));
            return signature.verify(tags.signature());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // a signature of the wrong length for the key, or otherwise malformed: it does not verify
            return false;
        }
    }
}
