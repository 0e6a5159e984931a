package com.perfectwork.mail.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rung 2 of the routing over every bounce fixture (the table {@code mail/bounces/expected.tsv}, its {@code route}
 * column): sent to the bounce address or shaped as a report, a mail is the bounce module's outright; one that only
 * looks like a mail server's notice (a mailer daemon's or an empty From, a null Return-Path, a notice's subject, an
 * SES notification) is its tentatively; the others are no report at all.
 */
class BounceSignsTest {

    private static final MailParser PARSER = new MailParser(Clock.systemUTC());

    record Fixture(String file, String route) {
        @Override
        public String toString() {
            return file + " (" + route + ")";
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        List<Fixture> fixtures = new ArrayList<>();
        List<String> lines = resource("expected.tsv").lines().toList();
        int route = List.of(lines.get(0).split("\t")).indexOf("route");
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t", -1);
                fixtures.add(new Fixture(fields[0], fields[route]));
            }
        }
        return fixtures.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void eachFixtureGoesToTheBounceModuleAsItsRouteSays(Fixture fixture) throws Exception {
        ParsedMail mail = PARSER.parse(resource(fixture.file()).getBytes(StandardCharsets.ISO_8859_1));

        Optional<BounceSigns.Sign> route = BounceSigns.of(mail, "bounce", Optional.of("mycompany.example"));

        switch (fixture.route()) {
            case "none" -> assertThat(route).isEmpty();
            case "looks" ->
                assertThat(route)
                        .hasValueSatisfying(r -> assertThat(r.tentative()).isTrue());
            case "bounce-address" ->
                assertThat(route)
                        .hasValueSatisfying(r ->
                                assertThat(r.reason()).as("not tentative").startsWith("sent to the bounce address"));
            default ->
                assertThat(route)
                        .hasValueSatisfying(r ->
                                assertThat(r.reason()).isEqualTo("a delivery status notification (multipart/report)"));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BounceSignsTest.class.getResourceAsStream("/mail/bounces/" + name)) {
            assertThat(in).as("fixture " + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("{{UNIQUE}}", "0f1e2d3c4b5a69788796a5b4c3d2e1f0")
                    .replace("{{MESSAGE_ID}}", "<fixture.original.1764600000@mycompany.example>");
        }
    }
}
