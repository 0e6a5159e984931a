package com.perfectwork.mail.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.FromFilter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rung of the documented server ladder, and the From it sends with. */
class MailServerSelectorTest {

    private static final Optional<EmailAddress> NOTIFICATIONS =
            Optional.of(new EmailAddress(null, "notifications@mycompany.com"));

    static Stream<Arguments> ladder() {
        return Stream.of(
                // description, sender, servers (id:priority:filter), expected server id, expected From
                Arguments.of(
                        "1. full address in a filter",
                        "\"Ann\" <ann@example.com>",
                        List.of("1:10:", "2:20:ann@example.com"),
                        2L,
                        "Ann <ann@example.com>"),
                Arguments.of(
                        "1. domain in a filter",
                        "Ann <ann@example.com>",
                        List.of("1:10:", "2:20:example.com"),
                        2L,
                        "Ann <ann@example.com>"),
                Arguments.of(
                        "1. full address beats domain, whatever the priority",
                        "ann@example.com",
                        List.of("1:1:example.com", "2:50:ann@example.com"),
                        2L,
                        "ann@example.com"),
                Arguments.of(
                        "1. of two domain matches, the lower priority number",
                        "ann@example.com",
                        List.of("1:20:example.com", "2:10:example.com"),
                        2L,
                        "ann@example.com"),
                Arguments.of(
                        "1. equal priorities: creation order",
                        "ann@example.com",
                        List.of("3:10:example.com", "4:10:example.com"),
                        3L,
                        "ann@example.com"),
                Arguments.of(
                        "1. case-insensitive, case of the From kept",
                        "Ann <Ann@Example.COM>",
                        List.of("1:10:", "2:20:EXAMPLE.com"),
                        2L,
                        "Ann <Ann@Example.COM>"),
                Arguments.of(
                        "1. a list of entries",
                        "bob@b.example",
                        List.of("1:10:", "2:20:a.example, b.example"),
                        2L,
                        "bob@b.example"),
                Arguments.of(
                        "2. mmail.example.com does not match mail.example.com",
                        "ann@mmail.example.com",
                        List.of("1:10:", "2:5:mail.example.com"),
                        1L,
                        "ann <notifications@mycompany.com>"),
                Arguments.of(
                        "2. a subdomain does not match its parent",
                        "ann@sub.example.com",
                        List.of("1:10:", "2:5:example.com"),
                        1L,
                        "ann <notifications@mycompany.com>"),
                Arguments.of(
                        "2. the display name never counts",
                        "\"example.com\" <x@other.org>",
                        List.of("1:10:", "2:5:example.com"),
                        1L,
                        "example.com <notifications@mycompany.com>"),
                Arguments.of(
                        "2. a server without filter rewrites the From",
                        "\"Admin\" <admin@example.com>",
                        List.of("1:10:mycompany.com", "2:20:"),
                        2L,
                        "Admin <notifications@mycompany.com>"),
                Arguments.of(
                        "2. without display name the local part names the sender",
                        "test@other.com",
                        List.of("1:10:"),
                        1L,
                        "test <notifications@mycompany.com>"),
                Arguments.of(
                        "3. a filter holding mail.default.from",
                        "Ann <ann@other.com>",
                        List.of("1:10:sales.example", "2:20:notifications@mycompany.com"),
                        2L,
                        "Ann <notifications@mycompany.com>"),
                Arguments.of(
                        "3. a filter holding the domain of mail.default.from",
                        "Ann <ann@other.com>",
                        List.of("1:10:sales.example", "2:20:mycompany.com"),
                        2L,
                        "Ann <notifications@mycompany.com>"),
                Arguments.of(
                        "3. its full address beats its domain",
                        "Ann <ann@other.com>",
                        List.of("1:10:mycompany.com", "2:20:notifications@mycompany.com"),
                        2L,
                        "Ann <notifications@mycompany.com>"),
                Arguments.of(
                        "4. nothing matches: the first server by priority",
                        "Ann <ann@other.com>",
                        List.of("1:30:a.example", "2:20:b.example"),
                        2L,
                        "Ann <notifications@mycompany.com>"),
                Arguments.of(
                        "the notifications address itself is never rewritten",
                        "Bot <notifications@mycompany.com>",
                        List.of("1:10:"),
                        1L,
                        "Bot <notifications@mycompany.com>"),
                Arguments.of(
                        "a non-ASCII name survives the rewriting",
                        "\"Zoë Ångström\" <zoe@other.com>",
                        List.of("1:10:"),
                        1L,
                        "Zoë Ångström <notifications@mycompany.com>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ladder")
    void choosesTheDocumentedServerAndFrom(
            String rule, String sender, List<String> servers, long serverId, String from) {
        ServerChoice choice = MailServerSelector.choose(
                        EmailAddress.parse(sender, "from"), servers(servers), NOTIFICATIONS, Optional.empty())
                .orElseThrow();
        assertThat(choice.server().id()).isEqualTo(serverId);
        assertThat(display(choice.from())).isEqualTo(from);
        if (Character.isDigit(rule.charAt(0))) {
            assertThat(choice.rule()).startsWith(rule.substring(0, 2));
        }
    }

    @Test
    void withoutNotificationsAddressTheFromIsKeptOnEveryRung() {
        EmailAddress ann = EmailAddress.parse("Ann <ann@other.com>", "from");
        assertThat(MailServerSelector.choose(ann, servers(List.of("1:10:")), Optional.empty(), Optional.empty())
                        .orElseThrow()
                        .rewritten())
                .isFalse();
        ServerChoice lastResort = MailServerSelector.choose(
                        ann, servers(List.of("1:10:a.example")), Optional.empty(), Optional.empty())
                .orElseThrow();
        assertThat(lastResort.from()).isEqualTo(ann);
        assertThat(lastResort.rule()).startsWith("4.");
    }

    @Test
    void rulesAreNamedForTheAdministrator() {
        EmailAddress ann = EmailAddress.parse("ann@example.com", "from");
        assertThat(rule(ann, "2:20:example.com")).startsWith("1.");
        assertThat(rule(ann, "1:10:")).startsWith("2.");
        assertThat(rule(ann, "1:10:mycompany.com")).startsWith("3.");
        assertThat(rule(ann, "1:10:other.example")).startsWith("4.");
    }

    @Test
    void noServerRecordsUseTheConfiguredServerKeepingAnAcceptedFrom() {
        MailServer configured = configured("mycompany.com");
        ServerChoice choice = MailServerSelector.choose(
                        EmailAddress.parse("Ann <ann@mycompany.com>", "from"),
                        List.of(),
                        NOTIFICATIONS,
                        Optional.of(configured))
                .orElseThrow();
        assertThat(choice.server()).isSameAs(configured);
        assertThat(choice.rewritten()).isFalse();
        assertThat(choice.rule()).startsWith("5.");
    }

    @Test
    void theConfiguredServerRewritesASenderOutsideItsFilter() {
        ServerChoice choice = MailServerSelector.choose(
                        EmailAddress.parse("\"Admin\" <admin@example.com>", "from"),
                        List.of(),
                        NOTIFICATIONS,
                        Optional.of(configured("mycompany.com")))
                .orElseThrow();
        assertThat(display(choice.from())).isEqualTo("Admin <notifications@mycompany.com>");
        assertThat(choice.rewritten()).isTrue();
    }

    @Test
    void aFilterOfExactlyTheDefaultFromEncapsulatesEveryOtherSender() {
        // documentation: "If the from_filter contains a full email address, and if the mail.default.from is the same
        // as this address, then all of the email addresses that are different from mail.default.from will be
        // encapsulated"
        Optional<MailServer> configured = Optional.of(configured("notifications@mycompany.com"));
        assertThat(display(MailServerSelector.choose(
                                EmailAddress.parse("Ann <ann@mycompany.com>", "from"),
                                List.of(),
                                NOTIFICATIONS,
                                configured)
                        .orElseThrow()
                        .from()))
                .isEqualTo("Ann <notifications@mycompany.com>");
        assertThat(MailServerSelector.choose(
                                EmailAddress.parse("notifications@mycompany.com", "from"),
                                List.of(),
                                NOTIFICATIONS,
                                configured)
                        .orElseThrow()
                        .rewritten())
                .isFalse();
    }

    @Test
    void noServerAtAllIsNoChoice() {
        assertThat(MailServerSelector.choose(
                        EmailAddress.parse("ann@example.com", "from"), List.of(), NOTIFICATIONS, Optional.empty()))
                .isEmpty();
    }

    @Test
    void aForcedServerNeverRewrites() {
        EmailAddress ann = EmailAddress.parse("Ann <ann@other.com>", "from");
        MailServer dedicated = servers(List.of("9:50:mailing.example")).get(0);
        ServerChoice choice = MailServerSelector.forced(dedicated, ann);
        assertThat(choice.server()).isSameAs(dedicated);
        assertThat(choice.from()).isEqualTo(ann);
    }

    private static String rule(EmailAddress sender, String server) {
        return MailServerSelector.choose(sender, servers(List.of(server)), NOTIFICATIONS, Optional.empty())
                .orElseThrow()
                .rule();
    }

    private static String display(EmailAddress address) {
        return address.displayName() == null
                ? address.address()
                : address.displayName() + " <" + address.address() + ">";
    }

    /** "id:priority:filter", already in the order the repository gives (priority, then id). */
    static List<MailServer> servers(List<String> specs) {
        return specs.stream()
                .map(spec -> spec.split(":", 3))
                .map(p -> server(Long.parseLong(p[0]), Integer.parseInt(p[1]), p[2]))
                .sorted((a, b) -> a.priority() != b.priority()
                        ? Integer.compare(a.priority(), b.priority())
                        : Long.compare(a.id(), b.id()))
                .toList();
    }

    static MailServer server(long id, int priority, String filter) {
        return new MailServer(
                id,
                "server " + id,
                "smtp" + id + ".example",
                587,
                Encryption.STARTTLS,
                Authentication.NONE,
                null,
                false,
                FromFilter.of(filter),
                priority,
                true,
                true,
                Instant.EPOCH,
                null,
                null);
    }

    static MailServer configured(String filter) {
        return new MailServer(
                null,
                "configured server",
                "localhost",
                25,
                Encryption.NONE,
                Authentication.NONE,
                null,
                false,
                FromFilter.of(filter),
                0,
                true,
                true,
                null,
                null,
                null);
    }
}
