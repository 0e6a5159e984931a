package com.perfectwork.mail.deliverability;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * A new key pair in the forms DKIM needs: the private key as PKCS#8 (base64, to be encrypted at rest), the public
 * key as its TXT record's {@code p=} carries it — for RSA the SubjectPublicKeyInfo (RFC 6376 section 3.6.1), for
 * Ed25519 the bare 32-byte key (RFC 8463 section 4.2).
 */
record KeyMaterial(String algorithm, String privateKeyBase64, String publicKeyBase64) {

    static final int RSA_BITS = 2048;
    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is a fixed 12-byte prefix and the key. */
    private static final int ED25519_KEY_BYTES = 32;

    static KeyMaterial generate(String algorithm) {
        try {
            boolean ed25519 = DkimKey.ED25519_SHA256.equals(algorithm);
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ed25519 ? "Ed25519" : "RSA");
            if (!ed25519) {
                generator.initialize(RSA_BITS);
            }
            KeyPair pair = generator.generateKeyPair();
            byte[] published = pair.getPublic().getEncoded();
            if (ed25519) {
                published = Arrays.copyOfRange(published, published.length - ED25519_KEY_BYTES, published.length);
            }
            Base64.Encoder base64 = Base64.getEncoder();
            return new KeyMaterial(
                    algorithm, base64.encodeToString(pair.getPrivate().getEncoded()), base64.encodeToString(published));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA and Ed25519 are always available from Java 15 on", e);
        }
    }

    static PrivateKey privateKey(String algorithm, String pkcs8Base64) {
        try {
            String family = DkimKey.ED25519_SHA256.equals(algorithm) ? "Ed25519" : "RSA";
            return KeyFactory.getInstance(family)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8Base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored DKIM private key cannot be read", e);
        }
    }
}
