package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerpAddressTest {

    private final VerpAddress verp = new VerpAddress("a key of this installation".getBytes(StandardCharsets.UTF_8));

    @Test
    void encodesTheMailIdWithATagThatDecodesBack() {
        String address = verp.encode("bounce", 12345, "mycompany.com");
        assertThat(address).matches("bounce\\+12345\\.[0-9a-f]{16}@mycompany\\.com");
        assertThat(verp.decode(address, "bounce")).hasValue(12345L);
        assertThat(verp.decode(address.toUpperCase(), "BOUNCE")).hasValue(12345L);
    }

    @Test
    void aTagMadeWithAnotherKeyIsForged() {
        String foreign = new VerpAddress("another key".getBytes(StandardCharsets.UTF_8))
                .encode("bounce", 12345, "mycompany.com");
        assertThat(verp.decode(foreign, "bounce")).isEmpty();
    }

    @Test
    void aTagOfAnotherMailIsForged() {
        String address = verp.encode("bounce", 12345, "mycompany.com");
        assertThat(verp.decode(address.replace("12345", "12346"), "bounce")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bounce@mycompany.com",
                "bounce+12345@mycompany.com",
                "catchall+1.0123456789abcdef@mycompany.com",
                "bounce+x.0123456789abcdef@mycompany.com",
                "",
                "not an address"
            })
    void anythingElseIsNotATaggedBounceAddress(String address) {
        assertThat(verp.decode(address, "bounce")).isEmpty();
    }
}
