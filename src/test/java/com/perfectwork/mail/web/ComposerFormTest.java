package com.perfectwork.mail.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.MessageType;
import org.junit.jupiter.api.Test;

class ComposerFormTest {

    @Test
    void aBlankLineStartsAParagraphAndALineBreakStaysOne() {
        assertThat(new ComposerForm("Hello,\r\nsee below.\r\n\r\n\r\nBest\n", "comment").html())
                .isEqualTo("<p>Hello,<br>see below.</p><p>Best</p>");
    }

    @Test
    void whatIsTypedIsTextNeverMarkup() {
        assertThat(new ComposerForm("<script>alert(1)</script> & <b>bold</b>", "note").html())
                .isEqualTo("<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>");
    }

    @Test
    void onlyBlanksIsNoBody() {
        assertThat(new ComposerForm(" \n\t ", "comment").html()).isEmpty();
        assertThat(new ComposerForm(null, "comment").html()).isEmpty();
    }

    @Test
    void theButtonPressedIsTheMessageType() {
        assertThat(new ComposerForm("x", "comment").messageType()).isEqualTo(MessageType.COMMENT);
        assertThat(new ComposerForm("x", "note").messageType()).isEqualTo(MessageType.NOTE);
        assertThat(new ComposerForm("x", null).messageType()).isEqualTo(MessageType.COMMENT);
        assertThatThrownBy(() -> new ComposerForm("x", "email").messageType())
                .isInstanceOf(InvalidInputException.class);
    }
}
