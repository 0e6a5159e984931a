package com.perfectwork.mail.deliverability;

/**
 * Where the checks of received mail read TXT records: the {@link DnsResolver} (within the time the checks of one mail
 * have), or the records a test gives.
 */
@FunctionalInterface
interface TxtLookup {

    DnsAnswer<String> txt(String name);
}
