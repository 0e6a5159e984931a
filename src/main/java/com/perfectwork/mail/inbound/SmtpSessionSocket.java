package com.perfectwork.mail.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketImpl;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.server.SSLSocketCreator;
import org.subethamail.smtp.server.ServerSocketCreator;

/**
 * The connection of one SMTP receiver session, whose replies are counted on their way out ({@link SessionErrors}).
 * After STARTTLS its bytes are TLS records: the TLS socket over it ({@link SmtpSessionTlsSocket}) counts them then,
 * in clear, and this one passes them on as they are.
 */
final class SmtpSessionSocket extends Socket {

    private final SessionErrors errors;
    private volatile boolean encrypted;

    private SmtpSessionSocket(SessionErrors errors) throws IOException {
        super((SocketImpl) null); // given its connection by ServerSocket.implAccept
        this.errors = errors;
    }

    /** Server sockets whose accepted connections count their sessions' errors, up to {@code maxErrors}. */
    static ServerSocketCreator serverSockets(int maxErrors) {
        return () -> new ServerSocket() {
            @Override
            public Socket accept() throws IOException {
                SmtpSessionSocket socket = new SmtpSessionSocket(new SessionErrors(maxErrors));
                implAccept(socket);
                return socket;
            }
        };
    }

    /**
     * STARTTLS over a session's connection, with the server's key from {@code context}; the protocols and cipher
     * suites are the JDK's defaults (the weak ones stay off).
     */
    static SSLSocketCreator startTls(SSLContext context) {
        return socket -> {
            SmtpSessionSocket session = socket instanceof SmtpSessionSocket s ? s : null;
            if (session != null) {
                session.encrypted = true;
            }
            InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket)
                    context.getSocketFactory().createSocket(socket, remote.getHostString(), socket.getPort(), true);
            tls.setUseClientMode(false);
            return session == null ? tls : new SmtpSessionTlsSocket(tls, session.errors);
        };
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return encrypted ? super.getInputStream() : errors.input(super.getInputStream());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return encrypted ? super.getOutputStream() : errors.output(super.getOutputStream());
    }
}
