package com.perfectwork.mail.outgoing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * An SMTP transport that writes down its side of the conversation and the server's answers, so that an
 * administrator can read what happened to a mail that was not delivered: the greeting, EHLO, STARTTLS, the
 * MAIL FROM / RCPT TO / DATA of each mail with every reply. Credentials never appear: what follows {@code AUTH}
 * is replaced until the server accepts or refuses the login. The message itself is not part of it.
 *
 * <p>Why not the session's debug output: it also prints every message's whole content, and only to a stream
 * for the whole session; the commands and answers are all an administrator needs, and are cheap to keep.
 */
final class TranscribingTransport extends SMTPTransport {

    /** The most of a transcript that is kept; a longer one keeps its beginning and its end. */
    static final int MAX_LENGTH = 8_000;

    private final StringBuilder connection = new StringBuilder();
    private final StringBuilder mail = new StringBuilder();
    private StringBuilder current = connection;
    private boolean inAuth;

    TranscribingTransport(Session session, String host, int port) {
        super(session, new URLName("smtp", host, port, null, null, null));
    }

    /** From here on the lines belong to the next mail; the connection's own lines stay in front of it. */
    void startMail() {
        mail.setLength(0);
        current = mail;
    }

    /** The connection's lines and those of the mail being (or last) sent. */
    String transcript() {
        return bounded(current == connection ? connection.toString() : connection.toString() + mail);
    }

    @Override
    protected void sendCommand(String cmd) throws MessagingException {
        line("C: ", redacted(cmd));
        super.sendCommand(cmd);
    }

    @Override
    protected int readServerResponse() throws MessagingException {
        int code = super.readServerResponse();
        String response = getLastServerResponse();
        line("S: ", response == null ? "(no answer)" : response.strip());
        if (inAuth && code != 334) {
            inAuth = false; // the login was answered: what follows is no secret
        }
        return code;
    }

    private String redacted(String command) {
        if (inAuth) {
            return "(credentials hidden)";
        }
        if (command.regionMatches(true, 0, "AUTH ", 0, 5)) {
            inAuth = true;
            String[] words = command.split(" ", 3);
            return words.length > 2 ? words[0] + " " + words[1] + " (credentials hidden)" : command;
        }
        return command;
    }

    /**
     * Runs for every command and answer of every mail, delivered ones included (whose transcript is dropped): a
     * one-line text, nearly all of them, is appended as it is.
     */
    private void line(String who, String text) {
        if (current.length() >= MAX_LENGTH) {
            return;
        }
        current.append(who);
        if (text.indexOf('\n') < 0) {
            current.append(text);
        } else {
            // a multi-line answer (EHLO): each of its lines marked as the server's
            current.append(text.replace("\r\n", "\n").replace("\n", "\n" + who));
        }
        current.append('\n');
    }

    static String bounded(String transcript) {
        if (transcript.length() <= MAX_LENGTH) {
            return transcript;
        }
        int half = MAX_LENGTH / 2;
        return transcript.substring(0, half) + "\n(…)\n" + transcript.substring(transcript.length() - half);
    }
}
