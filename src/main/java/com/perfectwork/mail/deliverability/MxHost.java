package com.perfectwork.mail.deliverability;

/** One MX record: its preference and the host name it points to (absolute, without the final dot). */
public record MxHost(int preference, String host) {

    /** As in a zone file. */
    @Override
    public String toString() {
        return preference + " " + host + ".";
    }

    /** RFC 7505: "0 ." says the domain accepts no mail. */
    public boolean isNull() {
        return host.isEmpty();
    }
}
