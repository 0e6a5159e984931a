package com.perfectwork.mail.inbound;

import com.perfectwork.mail.deliverability.SmtpEnvelope;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.internal.io.DotTerminatedInputStream;
import org.subethamail.smtp.internal.io.DotUnstuffingInputStream;

/**
 * One LMTP connection (RFC 2033): LHLO, then transactions of MAIL, RCPT… and DATA, answered after DATA once per
 * accepted recipient. It waits at most the command timeout for a command and the data timeout for each block of
 * DATA, then closes with {@code 421}; MAIL is refused with {@code 421} when processing is saturated.
 */
final class LmtpSession {

    private static final Pattern PATH =
            Pattern.compile("^(?:MAIL FROM|RCPT TO):\\s*<([^>]*)>.*$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 4096;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final long maxSize;
    private final ReceiverLimits limits;
    private final AliasDomainRecipients ours;
    private final DataReception reception;
    private boolean greeted;
    private boolean mail;
    private String mailFrom;
    private boolean closing;
    private final List<String> recipients = new ArrayList<>();

    LmtpSession(
            Socket socket,
            InputStream in,
            OutputStream out,
            String host,
            long maxSize,
            ReceiverLimits limits,
            AliasDomainRecipients ours,
            DataReception reception) {
        this.socket = socket;
        this.in = in;
        this.out = out;
        this.host = host;
        this.maxSize = maxSize;
        this.limits = limits;
        this.ours = ours;
        this.reception = reception;
    }

    void run() throws IOException {
        reply("220 " + host + " LMTP Perfectwork Mail ready");
        String line;
        while (!closing && (line = command()) != null) {
            String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (verb) {
                case "LHLO" -> {
                    greeted = true;
                    reset();
                    reply("250-" + host + "\r\n250-PIPELINING\r\n250-ENHANCEDSTATUSCODES\r\n250-8BITMIME\r\n"
                            + "250 SIZE " + maxSize);
                }
                case "HELO", "EHLO" -> reply("500 5.5.1 this is LMTP: say LHLO");
                case "MAIL" -> mail(line);
                case "RCPT" -> recipient(line);
                case "DATA" -> data();
                case "RSET" -> {
                    reset();
                    reply("250 2.0.0 Ok");
                }
                case "NOOP" -> reply("250 2.0.0 Ok");
                case "VRFY" -> reply("252 2.5.0 cannot verify, but will try delivery");
                case "QUIT" -> {
                    reply("221 2.0.0 Bye");
                    return;
                }
                default -> reply("500 5.5.2 command not recognized");
            }
        }
    }

    private void mail(String line) throws IOException {
        Matcher path = PATH.matcher(line);
        if (!greeted) {
            reply("503 5.5.1 say LHLO first");
        } else if (mail) {
            reply("503 5.5.1 nested MAIL command");
        } else if (!path.matches()) {
            reply("501 5.5.4 syntax: MAIL FROM:<address>");
        } else if (reception.saturated()) {
            close("421 4.3.2 the server is busy, try again later");
        } else {
            mail = true;
            mailFrom = path.group(1);
            reply("250 2.1.0 Ok");
        }
    }

    private void recipient(String line) throws IOException {
        Matcher path = PATH.matcher(line);
        if (!mail) {
            reply("503 5.5.1 need MAIL before RCPT");
        } else if (!path.matches()) {
            reply("501 5.5.4 syntax: RCPT TO:<address>");
        } else if (recipients.size() >= limits.maxRecipients()) {
            // RFC 5321 §4.5.3.1.10: the client sends the others in another transaction
            reply("452 4.5.3 too many recipients, send the rest in another transaction");
        } else {
            Optional<String> accepted = ours.accept(path.group(1));
            if (accepted.isPresent()) {
                recipients.add(accepted.get());
                reply("250 2.1.5 Ok");
            } else {
                reply("550 " + AliasDomainRecipients.REFUSAL.formatted(path.group(1)));
            }
        }
    }

    /** Stores the mail once, then answers for each accepted recipient, as LMTP asks. */
    private void data() throws IOException {
        if (recipients.isEmpty()) {
            reply("503 5.5.1 no valid recipients");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        StringBuilder deliveredTo = new StringBuilder();
        recipients.forEach(r -> deliveredTo.append("Delivered-To: ").append(r).append("\r\n"));
        InputStream body = new DotUnstuffingInputStream(new DotTerminatedInputStream(in));
        socket.setSoTimeout(limits.dataTimeoutMillis());
        // the LMTP client is the mail server in front: its MAIL FROM is the mail's, its address is not the sender's
        DataReception.Reply answer = reception.take(
                new SequenceInputStream(
                        new ByteArrayInputStream(deliveredTo.toString().getBytes(StandardCharsets.US_ASCII)), body),
                SmtpEnvelope.relayed(mailFrom));
        if (answer.closes()) {
            close(answer.line());
            return;
        }
        body.transferTo(OutputStream.nullOutputStream()); // the rest of a refused DATA, up to its final dot
        socket.setSoTimeout(limits.commandTimeoutMillis());
        StringBuilder replies = new StringBuilder();
        for (int i = 0; i < recipients.size(); i++) {
            String code = answer.text().substring(0, answer.text().indexOf(' ') + 1);
            String words = answer.text().substring(code.length());
            replies.append(i == 0 ? "" : "\r\n")
                    .append(answer.code())
                    .append(' ')
                    .append(code)
                    .append('<')
                    .append(recipients.get(i))
                    .append("> ")
                    .append(words);
        }
        reset();
        reply(replies.toString());
    }

    private void reset() {
        mail = false;
        recipients.clear();
    }

    /** A last reply, after which the session ends. */
    private void close(String text) throws IOException {
        closing = true;
        reply(text);
    }

    private void reply(String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** The next command line, without its CRLF; null at the end of the stream, or after the command timeout. */
    private String command() throws IOException {
        try {
            return readLine();
        } catch (SocketTimeoutException e) {
            close("421 4.4.2 timeout waiting for a command, closing");
            return null;
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII);
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("command line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        return null;
    }
}
