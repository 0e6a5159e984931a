package com.perfectwork.mail.deliverability;

import java.util.List;

/**
 * The answer to one DNS question: the records found, or why there are none. {@link Status#NO_DOMAIN} and
 * {@link Status#NO_DATA} are answers (a "void lookup" of RFC 7208 §4.6.4); {@link Status#FAILED} is not (a timeout, a
 * server failure): the question could not be answered, and {@code error} says why.
 */
public record DnsAnswer<T>(Status status, List<T> records, String error) {

    public enum Status {
        FOUND,
        NO_DOMAIN,
        NO_DATA,
        FAILED
    }

    public DnsAnswer {
        records = List.copyOf(records);
    }

    static <T> DnsAnswer<T> found(List<T> records) {
        return records.isEmpty()
                ? new DnsAnswer<>(Status.NO_DATA, records, null)
                : new DnsAnswer<>(Status.FOUND, records, null);
    }

    static <T> DnsAnswer<T> none(Status status) {
        return new DnsAnswer<>(status, List.of(), null);
    }

    static <T> DnsAnswer<T> failed(String error) {
        return new DnsAnswer<>(Status.FAILED, List.of(), error);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }

    /** No record and no failure: the name does not exist or has no record of the type. */
    public boolean isVoid() {
        return status == Status.NO_DOMAIN || status == Status.NO_DATA;
    }

    <R> DnsAnswer<R> map(java.util.function.Function<T, R> mapping) {
        return new DnsAnswer<>(status, records.stream().map(mapping).toList(), error);
    }
}
