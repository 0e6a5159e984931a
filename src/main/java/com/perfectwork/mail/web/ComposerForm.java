package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.MessageType;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/**
 * The chatter's composer as the browser sends it: plain text from a textarea and the button pressed (Send
 * message or Log note). The text is kept as the writer laid it out: a blank line starts a paragraph, a line
 * break stays one. Everything typed is text, never markup.
 */
record ComposerForm(String body, String type) {

    MessageType messageType() {
        if (type == null || type.equals("comment")) {
            return MessageType.COMMENT;
        }
        if (type.equals("note")) {
            return MessageType.NOTE;
        }
        throw new InvalidInputException("type", "press Send message or Log note");
    }

    /** The text as HTML paragraphs; empty when nothing but blanks was typed. */
    String html() {
        if (body == null || body.isBlank()) {
            return "";
        }
        String text = body.replace("\r\n", "\n").replace('\r', '\n').strip();
        return Arrays.stream(text.split("\n\\s*\n"))
                .map(paragraph ->
                        "<p>" + HtmlUtils.htmlEscape(paragraph.strip()).replace("\n", "<br>") + "</p>")
                .collect(Collectors.joining());
    }

    /** What the composer shows again when a post is refused. */
    String text() {
        return body == null ? "" : body;
    }
}
