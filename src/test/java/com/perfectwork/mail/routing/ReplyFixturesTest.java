package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reply fixture listed in {@code mail/replies/expected.tsv}, in the shapes of the clients that write it (Gmail,
 * Outlook desktop, web and mobile, Thunderbird, Apple Mail, Yahoo, Yandex, Mail.ru, Windows Mail, phones) and in
 * several languages, read as a received mail is: its new part is exactly what the table says.
 */
class ReplyFixturesTest {

    private static final MailParser PARSER = new MailParser(Clock.systemUTC());

    record Row(String file, String strippedText, String notes) {
        @Override
        public String toString() {
            return file + " (" + notes + ")";
        }
    }

    static Stream<Row> rows() throws IOException {
        List<String> lines = new String(resource("expected.tsv"), StandardCharsets.UTF_8)
                .lines()
                .toList();
        return lines.subList(1, lines.size()).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t", -1))
                .map(f -> new Row(f[0], f[1].replace("\\n", "\n"), f[2]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void keepsTheNewPartOfEachClientsReply(Row row) throws Exception {
        ParsedMail mail = PARSER.parse(resource(row.file()));

        assertThat(mail.strippedText()).as(row.notes()).isEqualTo(row.strippedText());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ReplyFixturesTest.class.getResourceAsStream("/mail/replies/" + name)) {
            return in.readAllBytes();
        }
    }
}
