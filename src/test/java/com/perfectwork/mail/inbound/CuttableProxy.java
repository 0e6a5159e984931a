package com.perfectwork.mail.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay between the server and a mail server that drops its connections when told: after a number of
 * bytes sent to the client, the way a network or a mail server drops a connection in the middle of a
 * transfer. Deterministic, unlike stopping the mail server while it answers.
 */
final class CuttableProxy implements AutoCloseable {

    private static final long UNLIMITED = Long.MAX_VALUE;

    private final int target;
    private final ServerSocket listener;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    /** Bytes the mail server may still send to clients before every connection is cut. */
    private final AtomicLong budget = new AtomicLong(UNLIMITED);

    CuttableProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Cuts every connection once the mail server has sent {@code bytes} more bytes. */
    void cutAfter(long bytes) {
        budget.set(bytes);
    }

    /** The connection is back: nothing is cut any more. */
    void restore() {
        budget.set(UNLIMITED);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                start(() -> pump(client, server, false));
                start(() -> pump(server, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        byte[] buffer = new byte[1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (counted && budget.get() != UNLIMITED) {
                    long left = budget.addAndGet(-n);
                    if (left < 0) {
                        // the part within the budget still goes through, the rest is lost with the connection
                        out.write(buffer, 0, (int) Math.max(0, n + left));
                        out.flush();
                        cutAll();
                        return;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void start(Runnable work) {
        Thread thread = new Thread(work, "cuttable-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    private void cutAll() {
        open.forEach(CuttableProxy::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cutAll();
    }
}
