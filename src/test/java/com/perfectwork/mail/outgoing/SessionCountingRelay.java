package com.perfectwork.mail.outgoing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a mail server that counts the sessions opened through it and the most open at once,
 * and holds back the server's greeting for a while: every session then lasts at least that long, so that two
 * clients running the same job at about the same time would overlap, and be seen to.
 */
final class SessionCountingRelay implements AutoCloseable {

    private final int target;
    private final long greetingDelayMillis;
    private final ServerSocket listener;
    private final AtomicInteger sessions = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    SessionCountingRelay(int target, long greetingDelayMillis) throws IOException {
        this.target = target;
        this.greetingDelayMillis = greetingDelayMillis;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    int sessions() {
        return sessions.get();
    }

    /** Sessions open now. */
    int open() {
        return open.get();
    }

    int mostAtOnce() {
        return mostAtOnce.get();
    }

    /** Forgets the sessions so far (those of a connection test, say). */
    void reset() {
        sessions.set(0);
        mostAtOnce.set(open.get());
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sessions.incrementAndGet();
                mostAtOnce.accumulateAndGet(open.incrementAndGet(), Math::max);
                daemon(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try (client;
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target)) {
            Thread upstream = daemon(() -> pump(client, server, 0));
            pump(server, client, greetingDelayMillis);
            upstream.join();
        } catch (IOException e) {
            // a session that could not reach the server ends like one the server dropped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.decrementAndGet();
        }
    }

    /** Copies until either side closes, then closes both: the session is over. */
    private static void pump(Socket from, Socket to, long delayFirstBytesMillis) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            boolean first = true;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (first && delayFirstBytesMillis > 0) {
                    Thread.sleep(delayFirstBytesMillis); // a slow server: its greeting comes late
                }
                first = false;
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the other side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task, "session-relay");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
