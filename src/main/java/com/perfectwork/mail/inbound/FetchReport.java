package com.perfectwork.mail.inbound;

/** What one fetch did: mails taken from the mailbox, processed (stored and routed), failed. */
public record FetchReport(int fetched, int processed, int failed) {

    public static final FetchReport NONE = new FetchReport(0, 0, 0);

    FetchReport plus(FetchReport other) {
        return new FetchReport(fetched + other.fetched, processed + other.processed, failed + other.failed);
    }

    @Override
    public String toString() {
        return "fetched " + fetched + ", processed " + processed + ", failed " + failed;
    }
}
