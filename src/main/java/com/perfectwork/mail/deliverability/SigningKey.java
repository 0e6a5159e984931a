package com.perfectwork.mail.deliverability;

import java.security.PrivateKey;

/** The private key that signs a domain's mail, with what the signature names: {@code d=}, {@code s=}, {@code a=}. */
record SigningKey(String domain, String selector, String algorithm, PrivateKey privateKey) {}
