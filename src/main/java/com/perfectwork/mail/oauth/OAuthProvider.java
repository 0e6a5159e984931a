package com.perfectwork.mail.oauth;

import com.perfectwork.mail.core.InvalidInputException;
import java.util.Locale;

/**
 * The providers a server may sign in with, each with the system parameters holding the company's application
 * credentials (the names Odoo gives them) and the product name its button shows ("Connect your Gmail account").
 */
public enum OAuthProvider {
    GOOGLE("Google", "Gmail", "google_gmail_client_identifier", "google_gmail_client_secret"),
    MICROSOFT("Microsoft", "Outlook", "microsoft_outlook_client_identifier", "microsoft_outlook_client_secret");

    private final String company;
    private final String product;
    private final String clientIdKey;
    private final String clientSecretKey;

    OAuthProvider(String company, String product, String clientIdKey, String clientSecretKey) {
        this.company = company;
        this.product = product;
        this.clientIdKey = clientIdKey;
        this.clientSecretKey = clientSecretKey;
    }

    /** "google" or "microsoft", as the API and the database spell it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "Google" or "Microsoft". */
    public String company() {
        return company;
    }

    /** "Gmail" or "Outlook". */
    public String product() {
        return product;
    }

    public String clientIdKey() {
        return clientIdKey;
    }

    public String clientSecretKey() {
        return clientSecretKey;
    }

    /** The provider of a code; null for null; anything else is refused as the value of {@code field}. */
    public static OAuthProvider parse(String code, String field) {
        if (code == null || code.isBlank()) {
            return null;
        }
        for (OAuthProvider provider : values()) {
            if (provider.code().equals(code.strip().toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        throw new InvalidInputException(field, "must be google or microsoft");
    }
}
