package com.perfectwork.mail.inbound;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line-oriented SMTP or LMTP client over a plain socket, as an MTA speaks to the receivers: a command, then its
 * reply (the continuation lines of a multi-line reply read and passed over). A read waits at most
 * {@code timeoutMillis}, so that a receiver that does not answer fails the test rather than hangs it.
 */
final class ReceiverClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    ReceiverClient(int port) throws IOException {
        this(port, 30_000);
    }

    ReceiverClient(int port, int timeoutMillis) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(timeoutMillis);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        out = socket.getOutputStream();
    }

    /** A client past the greeting and {@code hello} ({@code EHLO …} for SMTP, {@code LHLO …} for LMTP). */
    static ReceiverClient greeted(int port, String hello, int timeoutMillis) throws IOException {
        ReceiverClient client = new ReceiverClient(port, timeoutMillis);
        String greeting = client.read();
        String answer = client.send(hello);
        if (greeting == null || !greeting.startsWith("220 ") || answer == null || !answer.startsWith("250")) {
            client.close();
            throw new IOException("not greeted: " + greeting + " / " + answer);
        }
        return client;
    }

    /** The next reply's last line; null once the server closed the connection. */
    String read() throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        return line;
    }

    /** Sends a command, returns its reply's last line. */
    String send(String command) throws IOException {
        return send(command, 1).get(0);
    }

    /** Sends a command, returns the last lines of its next {@code replies} replies (LMTP: one per recipient). */
    List<String> send(String command, int replies) throws IOException {
        write(command + "\r\n");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < replies; i++) {
            lines.add(read());
        }
        return lines;
    }

    /** Sends a mail's data after a {@code 354} (no line of it may start with a dot), ends it, returns the reply. */
    String data(byte[] mail) throws IOException {
        return data(mail, 1).get(0);
    }

    /** As {@link #data(byte[])}, the last lines of {@code replies} replies (LMTP: one per recipient). */
    List<String> data(byte[] mail, int replies) throws IOException {
        out.write(mail);
        return send((mail.length > 0 && mail[mail.length - 1] == '\n' ? "" : "\r\n") + ".", replies);
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
