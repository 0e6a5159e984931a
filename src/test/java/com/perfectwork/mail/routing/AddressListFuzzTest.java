package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.perfectwork.mail.core.EmailAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Any text read as an address header, and as one address: the addresses are extracted within the time limit, at
 * most {@link AddressList#MAX_ADDRESSES} of them, each one that normalizes.
 */
class AddressListFuzzTest {

    @MethodSource("com.perfectwork.mail.FuzzSeeds#mails")
    @FuzzTest(maxDuration = "5m")
    @Timeout(3)
    void extractsTheAddressesOfAnyText(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);

        assertThat(AddressList.read(text))
                .hasSizeLessThanOrEqualTo(AddressList.MAX_ADDRESSES)
                .allSatisfy(address -> assertThat(address.normalized()).contains("@"));
        EmailAddress.tryParse(text)
                .ifPresent(address -> assertThat(address.normalized()).contains("@"));
    }
}
