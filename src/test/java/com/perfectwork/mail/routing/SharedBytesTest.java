package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SharedBytesTest {

    private static final byte[] BYTES = "0123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void windowsAreRelativeToTheirOwnStartAndNeverPassTheirEnd() throws IOException {
        SharedBytes all = new SharedBytes(BYTES);
        assertThat(all.read()).isEqualTo('0');
        assertThat(all.getPosition()).isEqualTo(1);
        InputStream middle = all.newStream(2, 7);
        assertThat(new String(middle.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("23456");
        SharedBytes rest = (SharedBytes) all.newStream(5, -1);
        assertThat(rest.read()).isEqualTo('5');
        assertThat(rest.getPosition()).isEqualTo(1);
        assertThat(new String(rest.newStream(1, 3).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("67");
        assertThat(new String(all.newStream(8, 99).readAllBytes(), StandardCharsets.US_ASCII))
                .isEqualTo("89");
    }

    @Test
    void marksResetsAndSkipsLikeAByteArrayStream() throws IOException {
        SharedBytes in = new SharedBytes(BYTES);
        in.mark(0);
        assertThat(in.skip(4)).isEqualTo(4);
        byte[] two = new byte[2];
        assertThat(in.read(two, 0, 2)).isEqualTo(2);
        assertThat(new String(two, StandardCharsets.US_ASCII)).isEqualTo("45");
        in.reset();
        assertThat(in.read()).isEqualTo('0');
        assertThat(in.skip(100)).isEqualTo(9);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.read(two, 0, 2)).isEqualTo(-1);
        assertThat(in.available()).isZero();
    }
}
