package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.inbound.IncomingServerDraft;
import org.junit.jupiter.api.Test;

class IncomingServerFormTest {

    @Test
    void aFilledFormBecomesTheDraftOfTheModule() {
        IncomingServerDraft draft =
                form("imap", " 993 ", "ssl", "secret-1", true).draft();
        assertThat(draft.port()).isEqualTo(993);
        assertThat(draft.password()).isEqualTo("secret-1");
        assertThat(draft.idle()).isTrue();
        assertThat(draft.active()).isTrue();
        assertThat(draft.priority()).isEqualTo(5);
    }

    @Test
    void anEmptyPortLeavesTheDefaultToTheModuleAndABlankPasswordKeepsTheStoredOne() {
        IncomingServerDraft draft = form("pop3", "", "ssl", "", null).draft();
        assertThat(draft.port()).isNull();
        assertThat(draft.password()).isNull();
        assertThat(draft.idle()).isFalse();
    }

    @Test
    void aPortThatIsNotANumberNamesItsField() {
        assertThatThrownBy(() -> form("imap", "imap", "ssl", "", false).draft())
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "port");
    }

    @Test
    void aChangedTypeProposesItsDefaultPortUnlessOneWasTyped() {
        assertThat(form("pop3", "993", "ssl", "", false).withProposedPort().port())
                .isEqualTo("995");
        assertThat(form("imap", "995", "none", "", false).withProposedPort().port())
                .isEqualTo("143");
        assertThat(form("pop3", "", "starttls", "", false).withProposedPort().port())
                .isEqualTo("110");
        assertThat(form("pop3", "2110", "ssl", "", false).withProposedPort().port())
                .isEqualTo("2110");
    }

    @Test
    void theFormShownAgainNeverCarriesThePassword() {
        assertThat(form("imap", "993", "ssl", "secret-1", false)
                        .withoutPassword()
                        .password())
                .isEmpty();
        assertThat(form("imap", "993", "ssl", "secret-1", false)
                        .withProposedPort()
                        .password())
                .isEmpty();
    }

    private static IncomingServerForm form(
            String protocol, String port, String security, String password, Boolean idle) {
        return new IncomingServerForm(
                "Mailbox",
                protocol,
                "imap.example.com",
                port,
                security,
                "me",
                password,
                "INBOX",
                idle,
                "",
                "5",
                true,
                "login",
                null);
    }
}
