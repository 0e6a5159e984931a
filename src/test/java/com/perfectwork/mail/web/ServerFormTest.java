package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.outgoing.Authentication;
import com.perfectwork.mail.outgoing.Encryption;
import com.perfectwork.mail.outgoing.MailServerDraft;
import org.junit.jupiter.api.Test;

class ServerFormTest {

    @Test
    void aFilledFormBecomesTheDraftOfTheModule() {
        MailServerDraft draft = new ServerForm(
                        "Relay",
                        "smtp.example.com",
                        " 587 ",
                        "starttls",
                        "login",
                        "me",
                        "secret-1",
                        "",
                        "5",
                        true,
                        "120",
                        null)
                .draft();
        assertThat(draft.port()).isEqualTo(587);
        assertThat(draft.encryption()).isEqualTo(Encryption.STARTTLS);
        assertThat(draft.authentication()).isEqualTo(Authentication.LOGIN);
        assertThat(draft.password()).isEqualTo("secret-1");
        assertThat(draft.priority()).isEqualTo(5);
        assertThat(draft.active()).isTrue();
        assertThat(draft.ratePerMinute()).isEqualTo(120);
    }

    @Test
    void aBlankPasswordKeepsTheStoredOneAndAnUntickedBoxIsInactive() {
        MailServerDraft draft = new ServerForm(
                        "Relay", "smtp.example.com", "25", "none", "none", "", "", "", "10", null, "", null)
                .draft();
        assertThat(draft.password()).isNull();
        assertThat(draft.active()).isFalse();
        assertThat(draft.ratePerMinute()).as("an empty rate removes the limit").isZero();
    }

    @Test
    void aWrongNumberOrChoiceNamesItsField() {
        assertThatThrownBy(
                        () -> new ServerForm("R", "h", "abc", "none", "none", "", "", "", "10", true, "", null).draft())
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "port");
        assertThatThrownBy(
                        () -> new ServerForm("R", "h", "25", "rot13", "none", "", "", "", "10", true, "", null).draft())
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "encryption");
        assertThatThrownBy(() -> new ServerForm("R", "h", "25", "none", "none", "", "", "", "", true, "", null).draft())
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "priority");
        assertThatThrownBy(() ->
                        new ServerForm("R", "h", "25", "none", "none", "", "", "", "10", true, "fast", null).draft())
                .isInstanceOf(InvalidInputException.class)
                .hasFieldOrPropertyWithValue("field", "ratePerMinute");
    }

    @Test
    void theFormShownAgainNeverCarriesThePassword() {
        ServerForm form = new ServerForm("R", "h", "25", "none", "login", "me", "secret-1", "", "10", true, "", null);
        assertThat(form.withoutPassword().password()).isEmpty();
        assertThat(form.withoutPassword().username()).isEqualTo("me");
    }
}
