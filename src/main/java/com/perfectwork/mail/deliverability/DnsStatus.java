package com.perfectwork.mail.deliverability;

/**
 * The verdict on one kind of record: {@code OK}; {@code MISSING} (nothing published); {@code INVALID} (published but
 * wrong: it does not parse, or it does not do its job); {@code WARNING} (works, with a weakness, or could not be
 * checked: the detail says which).
 */
public enum DnsStatus {
    OK,
    MISSING,
    INVALID,
    WARNING;

    /** The worse of two, invalid first, then missing, then warning. */
    DnsStatus worst(DnsStatus other) {
        return rank() >= other.rank() ? this : other;
    }

    private int rank() {
        return switch (this) {
            case OK -> 0;
            case WARNING -> 1;
            case MISSING -> 2;
            case INVALID -> 3;
        };
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
