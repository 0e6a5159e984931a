package com.perfectwork.mail.deliverability;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags of a DKIM-Signature (RFC 6376 §3.5), read and checked as §6.1.1 asks: the required ones present, the
 * version 1, an algorithm this verifier accepts, From among the signed fields, the identity {@code i=} within the
 * domain {@code d=}. {@code length} is {@code l=} (-1 when absent); {@code timestamp} and {@code expires} are
 * {@code t=} and {@code x=} in seconds since 1970 (-1 when absent); names and domains lower-cased.
 */
record DkimTags(
        String algorithm,
        byte[] signature,
        byte[] bodyHash,
        Canonicalization headerCanonicalization,
        Canonicalization bodyCanonicalization,
        String domain,
        List<String> signedHeaders,
        String identityDomain,
        long length,
        String selector,
        long timestamp,
        long expires) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,62})(\\.[a-z0-9_]([a-z0-9_-]{0,62}))*");

    /** A signature that cannot be verified: why, and what it names of itself (null where it names nothing). */
    static final class Unusable extends Exception {
        private final String domain;
        private final String selector;

        Unusable(String message, String domain, String selector) {
            super(message, null, false, false);
            this.domain = domain;
            this.selector = selector;
        }

        DkimResult result() {
            return new DkimResult(DkimVerdict.PERMERROR, domain, selector, getMessage());
        }
    }

    static DkimTags read(String value) throws Unusable {
        Map<String, String> tags;
        try {
            tags = TagList.parse(value, false);
        } catch (IllegalArgumentException e) {
            throw new Unusable("not a tag list: " + e.getMessage(), null, null);
        }
        String domain = lower(tags.get("d"));
        String selector = lower(tags.get("s"));
        try {
            return read(tags, domain, selector);
        } catch (IllegalArgumentException e) {
            throw new Unusable(e.getMessage(), domain, selector);
        }
    }

    private static DkimTags read(Map<String, String> tags, String domain, String selector) {
        for (String required : List.of("v", "a", "b", "bh", "d", "h", "s")) {
            if (tags.get(required) == null) {
                throw new IllegalArgumentException("the signature has no " + required + "= tag");
            }
        }
        if (!tags.get("v").equals("1")) {
            throw new IllegalArgumentException("v=" + tags.get("v") + " is not DKIM version 1");
        }
        String algorithm = lower(tags.get("a"));
        if (algorithm.equals("rsa-sha1")) {
            throw new IllegalArgumentException("rsa-sha1 is no longer accepted (RFC 8301)");
        }
        if (!algorithm.equals(DkimKey.RSA_SHA256) && !algorithm.equals(DkimKey.ED25519_SHA256)) {
            throw new IllegalArgumentException("a=" + algorithm + " is not an algorithm this server verifies");
        }
        if (!NAME.matcher(domain).matches() || !NAME.matcher(selector).matches()) {
            throw new IllegalArgumentException("d=" + domain + " or s=" + selector + " is not a domain name");
        }
        String[] canonicalization = tags.getOrDefault("c", "simple/simple").split("/", -1);
        if (canonicalization.length > 2) {
            throw new IllegalArgumentException("c=" + tags.get("c") + " is not header/body canonicalization");
        }
        List<String> signed = Arrays.stream(tags.get("h").split(":"))
                .map(name -> name.strip().toLowerCase(Locale.ROOT))
                .toList();
        if (!signed.contains("from")) {
            throw new IllegalArgumentException("From is not among the signed header fields (h=)");
        }
        String query = tags.get("q");
        if (query != null
                && Arrays.stream(query.split(":")).noneMatch(q -> q.strip().equals("dns/txt"))) {
            throw new IllegalArgumentException("q=" + query + ": no key query method this server knows");
        }
        long timestamp = number(tags, "t");
        long expires = number(tags, "x");
        if (expires >= 0 && timestamp >= 0 && expires < timestamp) {
            throw new IllegalArgumentException("x= is before t=");
        }
        return new DkimTags(
                algorithm,
                base64(tags, "b"),
                base64(tags, "bh"),
                Canonicalization.named(canonicalization[0].strip()),
                Canonicalization.named(canonicalization.length == 2 ? canonicalization[1].strip() : "simple"),
                domain,
                signed,
                identityDomain(tags.get("i"), domain),
                number(tags, "l"),
                selector,
                timestamp,
                expires);
    }

    DkimResult result(DkimVerdict verdict, String detail) {
        return new DkimResult(verdict, domain, selector, detail);
    }

    /** The domain of {@code i=}, which must be {@code d=} or one of its subdomains (§3.5); null when absent. */
    private static String identityDomain(String identity, String domain) {
        if (identity == null) {
            return null;
        }
        String within = lower(identity.substring(identity.lastIndexOf('@') + 1));
        if (!within.equals(domain) && !within.endsWith("." + domain)) {
            throw new IllegalArgumentException("i=" + identity + " is not within d=" + domain);
        }
        return within;
    }

    private static long number(Map<String, String> tags, String name) {
        String value = tags.get(name);
        if (value == null) {
            return -1;
        }
        if (!value.matches("\\d{1,18}")) {
            throw new IllegalArgumentException(name + "=" + value + " is not a number");
        }
        return Long.parseLong(value);
    }

    private static byte[] base64(Map<String, String> tags, String name) {
        try {
            return java.util.Base64.getDecoder().decode(TagList.compact(tags.get(name)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + "= is not base64");
        }
    }

    private static String lower(String value) {
        return value == null ? null : TagList.compact(value).toLowerCase(Locale.ROOT);
    }
}
