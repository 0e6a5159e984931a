package com.perfectwork.mail.routing;

/**
 * An alias: its local part ({@code sales}), the model of the records it creates, or the record it posts on
 * ({@code recordId}), its defaults (JSON, see {@link AliasDefaults}: applied to each record it creates) and who may write to it.
 */
public record Alias(long id, String name, String model, Long recordId, String defaults, String contactPolicy) {

    /** Its address at the alias domain, or null while the domain is unset. */
    public String email(String domain) {
        return domain == null ? null : name + "@" + domain;
    }

    public boolean creates() {
        return recordId == null;
    }
}
