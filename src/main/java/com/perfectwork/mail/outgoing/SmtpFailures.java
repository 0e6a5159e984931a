package com.perfectwork.mail.outgoing;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Reads a Jakarta Mail failure as the SMTP reply it carries (RFC 5321 §4.2.1): 5xx is permanent, 4xx
 * temporary. Without a reply, a refused, dropped or silent connection is temporary; a TLS failure or a
 * refused login is permanent (retrying cannot fix a certificate or a password) and says so.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static DeliveryResult classify(Exception failure) {
        int code = replyCode(failure);
        String words = words(failure);
        if (code >= 500) {
            return new DeliveryResult.Failed(FailureType.MAIL_SMTP, words);
        }
        if (code >= 400) {
            return new DeliveryResult.Deferred(words);
        }
        if (find(failure, AuthenticationFailedException.class) != null) {
            return new DeliveryResult.Failed(FailureType.MAIL_SMTP, "authentication failed: " + words);
        }
        if (find(failure, SSLException.class) != null) {
            return new DeliveryResult.Failed(FailureType.MAIL_SMTP, "TLS error: " + words);
        }
        if (find(failure, UnknownHostException.class) != null) {
            return new DeliveryResult.Deferred(words);
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return new DeliveryResult.Deferred("timeout: " + words);
        }
        if (find(failure, ConnectException.class) != null) {
            return new DeliveryResult.Deferred("connection refused: " + words);
        }
        return new DeliveryResult.Deferred(words);
    }

    /** The SMTP reply code of the first command that failed, or 0 when there was no reply. */
    static int replyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSenderFailedException e) {
                return e.getReturnCode();
            }
            if (t instanceof SMTPSendFailedException e) {
                return e.getReturnCode();
            }
        }
        String message = failure.getMessage();
        if (failure instanceof AuthenticationFailedException
                && message != null
                && message.matches("^[45]\\d\\d[ -].*")) {
            return Integer.parseInt(message.substring(0, 3));
        }
        return 0;
    }

    /** The most specific message in the chain: the server's own words where it answered. */
    static String words(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException
                    || t instanceof SMTPSenderFailedException
                    || (t instanceof SMTPSendFailedException && ((SMTPSendFailedException) t).getReturnCode() > 0)) {
                return clean(t.getMessage());
            }
        }
        Throwable deepest = failure;
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t.getMessage() != null) {
                deepest = t;
            }
        }
        if (deepest instanceof UnknownHostException) {
            return "unknown host " + clean(deepest.getMessage()); // its message is the bare host name
        }
        return clean(deepest.getMessage() == null ? deepest.getClass().getSimpleName() : deepest.getMessage());
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String clean(String text) {
        String line = MailHeaders.oneLine(text);
        return line.length() > 1000 ? line.substring(0, 1000) : line;
    }
}
